# PaperGraph CLI and API: build with the .NET 10 SDK, run on the ASP.NET Core 10 runtime.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/PaperGraph.Cli/PaperGraph.Cli.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
COPY seeds ./seeds
COPY cypher ./cypher
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1
EXPOSE 5080
ENTRYPOINT ["dotnet", "/app/papergraph.dll"]
CMD ["--help"]
