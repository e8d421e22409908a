# syntax=docker/dockerfile:1.7
# The api process (com.styleshepherd.api.Application): HTTP on 8080, /health for probes.
# Build from the repository root:  docker build -f deploy/docker/api.Dockerfile -t style-shepherd/api .

# --- build: the shaded jar, with Maven's cache kept between builds ---
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
    ./mvnw -B -q -DskipTests -pl api -am package \
    && cp api/target/style-shepherd-api.jar /app.jar

# --- runtime: a JRE 21, a non-root user, curl for the health check ---
FROM eclipse-temurin:21-jre-noble
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 styleshepherd \
    && useradd --system --uid 10001 --gid styleshepherd --no-create-home --shell /usr/sbin/nologin styleshepherd
COPY --from=build --chown=root:root --chmod=0444 /app.jar /app/app.jar
# A class-data archive of the api's own classes, so that a start maps them instead of loading and verifying
# each again (healthy in 2.8 s instead of 5.9 s: docs/benchmarks.md#production-jars). It is written by a start
# in prod against addresses where nothing listens: it fails at its first connection, by which time it has
# loaded most of its classes, and the JVM writes them out as it exits.
RUN java --enable-native-access=ALL-UNNAMED -XX:ArchiveClassesAtExit=/app/app.jsa \
        -Dmicronaut.environments=prod -Dstyleshepherd.security.oidc.issuer=http://127.0.0.1:9/cds \
        -Dstyleshepherd.security.oidc.audience=cds -Dstripe.webhook-secret=cds \
        -Ddatasources.default.url=jdbc:postgresql://127.0.0.1:9/cds -Ddatasources.default.username=cds \
        -Ddatasources.default.password=cds -Dstyleshepherd.object-storage.endpoint=http://127.0.0.1:9 \
        -Dstyleshepherd.object-storage.access-key=cds -Dstyleshepherd.object-storage.secret-key=cds \
        -jar /app/app.jar >/dev/null 2>&1; \
    test -s /app/app.jsa && chmod 0444 /app/app.jsa
USER 10001:10001
WORKDIR /tmp
ENV MICRONAUT_ENVIRONMENTS=prod \
    MICRONAUT_SERVER_PORT=8080 \
    JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# 8080: the API; 8081: health and Prometheus (the management port of application-prod.yml).
EXPOSE 8080 8081
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS http://localhost:8081/health || exit 1
# SIGTERM (docker stop, Kubernetes) closes the context: the server finishes requests in flight (20 s).
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-XX:SharedArchiveFile=/app/app.jsa", "-jar", "/app/app.jar"]
