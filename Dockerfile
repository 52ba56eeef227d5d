# Mandate Watch: build the shaded jar with Maven, run it on a plain JRE as a non-root user.
#
#   docker build -t mandate-watch .
#   docker run -p 8080:8080 -e MW_ADMIN_PASSWORD=... -v mw-data:/data mandate-watch
#
# Without MW_DB_URL the jar starts its embedded PostgreSQL under /data/pg. PostgreSQL refuses to
# run as root, which is one more reason the runtime stage runs as `mw`. The embedded binaries
# shipped in the jar are linux-x86_64 only: on arm64 hosts set MW_DB_URL (docker-compose.yml does).

# ---------------------------------------------------------------------------------------- build
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src

# Dependencies first, in their own layer: source edits then rebuild without re-downloading them.
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline

COPY conf ./conf
COPY src ./src
# Not offline (-o): go-offline misses some plugin dependencies resolved only at execution time.
# The glob matches the shaded jar only (the unshaded one is original-mandate-watch-*.jar); a
# second match would make cp fail loudly rather than ship the wrong jar.
RUN mvn -B -q -DskipTests package \
 && cp target/mandate-watch-*.jar /src/mandate-watch.jar

# -------------------------------------------------------------------------------------- runtime
FROM eclipse-temurin:17-jre

# curl for the HEALTHCHECK (installed explicitly rather than relying on the base image having it).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*

# uid/gid 10001: not root (embedded PostgreSQL will not start as root) and clear of the image's own users.
RUN groupadd --system --gid 10001 mw \
 && useradd --system --uid 10001 --gid mw --home-dir /data --no-create-home --shell /usr/sbin/nologin mw \
 && mkdir -p /data /app \
 && chown mw:mw /data

WORKDIR /app
COPY --from=build /src/mandate-watch.jar /app/mandate-watch.jar
COPY NOTICE /app/NOTICE

ENV MW_DATA_DIR=/data \
    MW_HTTP_PORT=8080

# /data must be owned by mw before VOLUME so that a fresh named volume inherits that ownership.
VOLUME /data
EXPOSE 8080
USER mw:mw

# First start on an empty database migrates it and loads the demo data set: give it time.
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=4 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${MW_HTTP_PORT}/health/ready" || exit 1

# Container-aware heap sizing; add flags with JAVA_TOOL_OPTIONS. Exec form: the JVM is PID 1 and
# gets SIGTERM from `docker stop`, so its shutdown hook closes Vert.x and the embedded database.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-Dfile.encoding=UTF-8", "-jar", "/app/mandate-watch.jar"]
