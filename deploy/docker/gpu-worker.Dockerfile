# syntax=docker/dockerfile:1.7
# The gpu worker (com.styleshepherd.gpu.GpuWorkerApplication): task queue gpu (embeddings, speech, size and
# return-risk models, model training) on ONNX Runtime's CUDA build (onnxruntime_gpu, -Dgpu); it falls
# back to the CPU where no GPU is visible. Management port 8081 as the regular worker's.
# Build from the repository root:  docker build -f deploy/docker/gpu-worker.Dockerfile -t style-shepherd/gpu-worker .

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
    ./mvnw -B -q -Dgpu -DskipTests -pl worker-gpu -am package \
    && cp worker-gpu/target/style-shepherd-gpu-worker.jar /app.jar

# The JRE comes from Temurin's image; CUDA 12 and cuDNN 9 (what ONNX Runtime 1.21's CUDA provider links
# against) from NVIDIA's runtime image. The node's driver is mounted by the NVIDIA container toolkit.
FROM eclipse-temurin:21-jre-noble AS jre

FROM nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04
ENV JAVA_HOME=/opt/java/openjdk
ENV PATH="${JAVA_HOME}/bin:${PATH}"
COPY --from=jre /opt/java/openjdk /opt/java/openjdk
# libgomp1: XGBoost4J's native library (size and return-risk models).
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates libgomp1 \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 styleshepherd \
    && useradd --system --uid 10001 --gid styleshepherd --no-create-home --shell /usr/sbin/nologin styleshepherd
COPY --from=build --chown=root:root --chmod=0444 /app.jar /app/app.jar
USER 10001:10001
WORKDIR /tmp
ENV MICRONAUT_SERVER_PORT=8081 \
    TEMPORAL_SHUTDOWN_GRACE=45s \
    STYLESHEPHERD_MODELS_DEVICE=auto \
    JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8081
HEALTHCHECK --interval=10s --timeout=3s --start-period=120s --retries=3 \
    CMD curl -fsS http://localhost:8081/health/readiness || exit 1
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-jar", "/app/app.jar"]
