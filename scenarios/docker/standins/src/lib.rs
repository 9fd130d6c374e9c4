//! Stand-ins for the .NET Core 3.0 SDK and ASP.NET Core runtime images, so that a Dockerfile
//! written for `mcr.microsoft.com/dotnet/core/{sdk,aspnet}:3.0` builds and runs with no
//! registry: a `dotnet` that restores, builds and publishes (checking what the real SDK
//! checks, compiling the .proto files) and runs the result as a gRPC server, and a small
//! `/bin/sh` for Docker's shell-form RUN. See README.md for what is and is not simulated.

pub mod assembly;
pub mod host;
pub mod install;
pub mod proto;
pub mod sdk;
pub mod wire;
