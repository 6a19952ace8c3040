# The forecast CLI and REST service as a container image.
#
# Build: docker build -t forecast .        (BuildKit, the default builder since Docker 23: RUN --mount)
# Run:   docker run --read-only --tmpfs /tmp -p 127.0.0.1:8080:8080 \
#          -e FORECAST_SECURITY_WRITE_KEYS=change-me -v forecast-models:/models forecast
#        (serve on 0.0.0.0:$FORECAST_PORT inside the container, models in the /models volume; any other
#         command works too: docker run --rm -v "$PWD/data/demo:/data:ro" forecast inspect --data /data/ETTh1.csv)
#
# Base images: exact version tags, each pinned by the digest of its multi-platform index as
# docker-library's repo-info recorded it (maven:3.9.11-eclipse-temurin-17 of 2025-11-14,
# eclipse-temurin:17.0.17_10-jre-noble of 2026-01-15; no registry was reachable where this file was
# written). Both are Ubuntu 24.04 with Temurin 17.0.17+10. To update: take the new tag's index digest
# from `docker buildx imagetools inspect IMAGE:TAG`, then run .ci/dockerfile-check.
#
# .ci/dockerfile-check lints this file and replays its build steps and its runtime stage without a
# container engine; it reads the RUN lines below, so keep them free of paths outside
# /src, /opt/forecast, /models and /tmp.

FROM maven:3.9.11-eclipse-temurin-17@sha256:e4a7ace3dc0d645ed97f8d9ad0b0d3f0b14fa8d150138f27f116d7105a639b82 AS build
WORKDIR /src
# 1. Dependencies and plugins: the real `package` on the poms alone (empty modules), so that every
#    artifact the build below uses is downloaded here, at the versions it uses. dependency:go-offline
#    is not enough: it skips plugin dependencies resolved at run time and resolves transitive
#    dependencies without the Spring Boot dependency management (a different byte-buddy, say).
#    This layer is reused for as long as no pom changes.
COPY pom.xml ./
COPY data/pom.xml data/
COPY attention/pom.xml attention/
COPY forecasting/pom.xml forecasting/
COPY api/pom.xml api/
COPY api/bom/pom.xml api/bom/
COPY api/autoconfigure/pom.xml api/autoconfigure/
COPY api/starter/pom.xml api/starter/
COPY api/cli/pom.xml api/cli/
RUN mvn -B -ntp -DskipTests -Djavadoc.skip=true -Dmaven.source.skip=true package \
 && rm -rf target ./*/target api/*/target
# 2. The build, offline (-o): a step that still needed a download fails here instead of fetching it.
#    Then the executable jar split into its layers (Spring Boot's tools jar mode), launcher included.
COPY data data
COPY attention attention
COPY forecasting forecasting
COPY api api
RUN mvn -B -ntp -o -DskipTests -Djavadoc.skip=true -Dmaven.source.skip=true package \
 && java -Djarmode=tools -jar api/cli/target/forecast.jar extract --layers --launcher --destination target/layers

FROM eclipse-temurin:17.0.17_10-jre-noble@sha256:be58535d199642d281e14e80e8e846899853bde7b051f65f2c06a4539daf5b08
# The runtime user: numeric ids (USER below), no home, no login shell. /models is its only own folder.
RUN groupadd --system --gid 10001 forecast \
 && useradd --system --uid 10001 --gid 10001 --home-dir /nonexistent --no-create-home \
      --shell /usr/sbin/nologin forecast \
 && mkdir -p /models \
 && chown 10001:10001 /models
# glibc allocator settings measured for PyTorch training (README, ./forecast); the JVM sizes its heap
# from the container's memory limit and exits on OutOfMemoryError (the orchestrator restarts it);
# DJL takes PyTorch from the read-only cache below, never from the network; FORECAST_STORE and
# FORECAST_PORT are the defaults of --store (serve, forecast) and of serve --port.
ENV MALLOC_ARENA_MAX=1 \
    MALLOC_MMAP_THRESHOLD_=33554432 \
    MALLOC_TRIM_THRESHOLD_=1073741824 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
    DJL_CACHE_DIR=/opt/forecast/djl-cache \
    ENGINE_CACHE_DIR=/opt/forecast/djl-cache \
    FORECAST_STORE=/models \
    FORECAST_PORT=8080
# The application, one layer per Spring Boot layer: a source edit rebuilds only the last ones.
WORKDIR /opt/forecast/app
COPY --from=build /src/target/layers/dependencies/ ./
COPY --from=build /src/target/layers/spring-boot-loader/ ./
COPY --from=build /src/target/layers/snapshot-dependencies/ ./
COPY --from=build /src/target/layers/application/ ./
# PyTorch's native libraries (about 430 MB), extracted now into DJL_CACHE_DIR by a one-epoch training
# run, which loads the engine exactly as the service does (and so also proves the image can). DJL
# reuses a complete cache without writing to it, so the cache stays owned by root and read-only for
# the runtime user, and `docker run --read-only` works. DJL creates the cache's folder with mode 0700:
# the chmod opens it for reading.
RUN --mount=type=bind,from=build,source=/src/data/demo/ETTh1.csv,target=/tmp/warmup.csv \
    mkdir -p /tmp/warmup \
 && java -Dai.djl.offline=true -XX:-UsePerfData -Djava.io.tmpdir=/tmp/warmup -Djna.tmpdir=/tmp/warmup \
      -cp /opt/forecast/app org.springframework.boot.loader.launch.JarLauncher \
      train --model-type linear --epochs 1 --no-progress --data /tmp/warmup.csv --out /tmp/warmup/model \
      > /dev/null \
 && rm -rf /tmp/warmup \
 && test -n "$(find "$DJL_CACHE_DIR" -name 'libtorch*.so' -print -quit)" \
 && chmod -R a+rX,go-w "$DJL_CACHE_DIR"

USER 10001:10001
# relative paths given to a command (train --out m1, ...) land in the volume, the one writable folder
WORKDIR /models
VOLUME ["/models"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${FORECAST_PORT}/actuator/health/readiness" || exit 1
ENTRYPOINT ["java", "-Dai.djl.offline=true", "-cp", "/opt/forecast/app", "org.springframework.boot.loader.launch.JarLauncher"]
# Listens on all interfaces of the container, which serve allows only with API keys configured:
# docker run -e FORECAST_SECURITY_WRITE_KEYS=... (README, "Running the service safely"). Port and
# model store come from FORECAST_PORT and FORECAST_STORE.
CMD ["serve", "--host", "0.0.0.0"]
