# The ContractTracker executable (API, worker and CLI verbs), with the seed data.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ContractTracker.sln ./
COPY src/ContractTracker/ContractTracker.csproj src/ContractTracker/
COPY src/ContractTracker.Api/ContractTracker.Api.csproj src/ContractTracker.Api/
COPY migrations/ContractTracker.Migrations/ContractTracker.Migrations.csproj migrations/ContractTracker.Migrations/
RUN dotnet restore src/ContractTracker.Api/ContractTracker.Api.csproj
COPY src/ src/
COPY migrations/ migrations/
RUN dotnet publish src/ContractTracker.Api/ContractTracker.Api.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
COPY seed-data/ /app/seed-data/
ENV ASPNETCORE_URLS=http://+:8080 \
    CT_SEED_DIR=/app/seed-data \
    CT_WORK_DIR=/var/lib/contracttracker/work
RUN mkdir -p /var/lib/contracttracker/work && chown -R app /var/lib/contracttracker
USER app
EXPOSE 8080
ENTRYPOINT ["dotnet", "ContractTracker.Api.dll"]
CMD ["serve"]
