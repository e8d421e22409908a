# syntax=docker/dockerfile:1.7
# The regular worker (com.styleshepherd.worker.WorkerApplication): task queues checkout, conversation and
# catalog; /health/liveness, /health/readiness and /prometheus on the management port 8081.
# Build from the repository root:  docker build -f deploy/docker/worker.Dockerfile -t style-shepherd/worker .

FROM eclipse-temurin:21-jdk-noble AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
# Every module the root pom lists must be there for Maven to read it; -pl ... -am builds only what this image runs.
COPY workflows/ workflows/
COPY temporal-wiring/ temporal-wiring/
COPY store/ store/
COPY providers/ providers/
COPY inference/ inference/
COPY activities/ activities/
COPY worker-gpu/ worker-gpu/
COPY api/ api/
COPY local-servers/ local-servers/
COPY devstack/ devstack/
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -pl activities -am package \
    && cp activities/target/style-shepherd-worker.jar /app.jar

FROM eclipse-temurin:21-jre-noble
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 styleshepherd \
    && useradd --system --uid 10001 --gid styleshepherd --no-create-home --shell /usr/sbin/nologin styleshepherd
COPY --from=build --chown=root:root --chmod=0444 /app.jar /app/app.jar
USER 10001:10001
WORKDIR /tmp
ENV MICRONAUT_SERVER_PORT=8081 \
    TEMPORAL_SHUTDOWN_GRACE=45s \
    JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8081
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS http://localhost:8081/health/readiness || exit 1
# SIGTERM stops polling and lets running activities finish for TEMPORAL_SHUTDOWN_GRACE.
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-jar", "/app/app.jar"]
