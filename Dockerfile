# syntax=docker/dockerfile:1
# Build: docker build -t forecast .
# Run:   docker run -p 8080:8080 -v forecast-models:/models forecast
#        (REST service on :8080, models stored in the /models volume; any other CLI command works too:
#         docker run --rm -v "$PWD:/data" forecast inspect --data /data/ETTh1.csv)

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# dependencies first, so that source edits reuse the cached layer
COPY pom.xml ./
COPY data/pom.xml data/
COPY attention/pom.xml attention/
COPY forecasting/pom.xml forecasting/
COPY api/pom.xml api/
RUN mvn -B -q dependency:go-offline -DexcludeReactor=true || true
COPY data data
COPY attention attention
COPY forecasting forecasting
COPY api api
RUN mvn -B -q -DskipTests package && cp api/cli/target/forecast.jar /forecast.jar

FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system forecast && useradd --system --gid forecast --home /app forecast \
 && mkdir -p /app /models && chown forecast:forecast /app /models
COPY --from=build /forecast.jar /app/forecast.jar
# glibc allocator settings measured for PyTorch training (see README); offline DJL with a writable cache
ENV MALLOC_ARENA_MAX=1 \
    MALLOC_MMAP_THRESHOLD_=33554432 \
    MALLOC_TRIM_THRESHOLD_=1073741824 \
    DJL_CACHE_DIR=/app/djl-cache \
    ENGINE_CACHE_DIR=/app/djl-cache
USER forecast
WORKDIR /app
VOLUME ["/models"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/actuator/health || exit 1
ENTRYPOINT ["java", "-Dai.djl.offline=true", "-jar", "/app/forecast.jar"]
# Listens on all interfaces of the container, which serve allows only with API keys configured:
# docker run -e FORECAST_SECURITY_WRITE_KEYS=... (see README, "Running the service safely")
CMD ["serve", "--port", "8080", "--host", "0.0.0.0", "--store", "/models"]
