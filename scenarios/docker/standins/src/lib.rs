//! Stand-ins for the .NET SDK and ASP.NET Core runtime images (3.0, 3.1, 5.0, 6.0, 7.0 and
//! 8.0), so that a Dockerfile written for `mcr.microsoft.com/dotnet/{sdk,aspnet}:V` (or the
//! older `dotnet/core/` names) builds and runs with no registry: a `dotnet` that restores,
//! builds and publishes (checking what the real SDK of the installed version checks,
//! compiling the .proto files) and runs the result as a gRPC server, and a small `/bin/sh`
//! for Docker's shell-form RUN. See README.md for what is and is not simulated.

pub mod assembly;
pub mod host;
pub mod install;
pub mod proto;
pub mod sdk;
pub mod versions;
pub mod wire;
