# syntax=docker/dockerfile:1
# Multi-stage: the SDK image builds, a small Alpine ASP.NET runtime image runs it as a non-root user.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The build embeds the GraphiQL bundles it installs with npm (src/TaskGraph.Api/GraphQL/ide).
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Restore first, from the project files only, so dependency layers are cached across code changes.
COPY Directory.Build.props Directory.Packages.props TaskGraph.sln .editorconfig ./
COPY src/TaskGraph.Core/TaskGraph.Core.csproj src/TaskGraph.Core/
COPY src/TaskGraph.Schema/TaskGraph.Schema.csproj src/TaskGraph.Schema/
COPY src/TaskGraph.Migrations.Postgres/TaskGraph.Migrations.Postgres.csproj src/TaskGraph.Migrations.Postgres/
COPY src/TaskGraph.Api/TaskGraph.Api.csproj src/TaskGraph.Api/
RUN dotnet restore src/TaskGraph.Api/TaskGraph.Api.csproj
COPY src/ src/
RUN dotnet publish src/TaskGraph.Api/TaskGraph.Api.csproj -c Release -o /app --no-restore /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0-alpine AS runtime
WORKDIR /app
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DATABASE_URL="Data Source=/data/taskgraph.db"
# The SQLite file lives on a volume owned by the unprivileged user the image provides ($APP_UID).
RUN mkdir /data && chown "$APP_UID" /data
COPY --from=build /app ./
USER $APP_UID
EXPOSE 8080
VOLUME ["/data"]
# The runtime image has no curl: the app itself probes its readiness endpoint.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["dotnet", "TaskGraph.Api.dll", "healthcheck", "http://127.0.0.1:8080/health/ready"]
# Exec form: dotnet is PID 1 and receives SIGTERM, so in-flight requests drain on shutdown.
ENTRYPOINT ["dotnet", "TaskGraph.Api.dll"]
