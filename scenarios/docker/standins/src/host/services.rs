//! The gRPC services the stand-in runtime can play. The C# is not compiled, so behaviour
//! is built in, keyed by the service's full name, and everything about the messages comes
//! from the .proto the SDK compiled into the assembly:
//! - `stocks.Stocks`: `Get` looks the requested id up in Data/stocks.json (beside the
//!   assembly, loaded at startup like the sample's StockRepository) and answers with the
//!   Stock, or NOT_FOUND "Stock {id} not found".
//! - `grpc.health.v1.Health` (Grpc.HealthCheck's HealthServiceImpl): the statuses the code
//!   sets with `SetStatus` (the SDK read them), NOT_FOUND for any other service name.
//!
//! A mapped service without a built-in behaviour answers UNIMPLEMENTED, saying so.

use std::path::Path;

use serde_json::{Map, Value};

use crate::assembly::Assembly;
use crate::proto::FieldType;
use crate::sdk::csharp::HEALTH_SERVICE;
use crate::wire::{self, Types};

pub const STOCKS_SERVICE: &str = "stocks.Stocks";

/// gRPC status codes used here.
pub const OK: u32 = 0;
pub const NOT_FOUND: u32 = 5;
pub const UNIMPLEMENTED: u32 = 12;
pub const INTERNAL: u32 = 13;

#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub code: u32,
    pub message: String,
}

impl Status {
    pub fn new(code: u32, message: impl Into<String>) -> Status {
        Status {
            code,
            message: message.into(),
        }
    }
}

pub struct App {
    pub assembly: Assembly,
    types: Types,
    stocks: Vec<Map<String, Value>>,
}

pub enum Lookup {
    UnknownService,
    UnknownMethod,
    Unary,
    /// Health/Watch: one message now, then the stream stays open.
    Watch,
}

impl App {
    /// Startup, as the sample's `ConfigureServices` does it. Err: the unhandled exception.
    pub fn start(assembly: Assembly, app_dir: &Path) -> Result<App, String> {
        let types = Types::new(&assembly.messages, &assembly.enums);
        let mut stocks = Vec::new();
        if assembly.mapped_services.iter().any(|s| s == STOCKS_SERVICE) {
            stocks = load_stocks(&app_dir.join("Data").join("stocks.json"))?;
        }
        Ok(App {
            assembly,
            types,
            stocks,
        })
    }

    fn mapped(&self, service: &str) -> bool {
        self.assembly.mapped_services.iter().any(|s| s == service)
    }

    pub fn lookup(&self, service: &str, method: &str) -> Lookup {
        if !self.mapped(service) {
            return Lookup::UnknownService;
        }
        if service == HEALTH_SERVICE {
            return match method {
                "Check" => Lookup::Unary,
                "Watch" => Lookup::Watch,
                _ => Lookup::UnknownMethod,
            };
        }
        let declared = self.assembly.services.iter().find(|s| s.full_name == service);
        // Declared streaming methods are unary here: `call` has no behaviour for them.
        match declared.and_then(|s| s.methods.iter().find(|m| m.name == method)) {
            Some(_) => Lookup::Unary,
            None => Lookup::UnknownMethod,
        }
    }

    /// A unary call (or the first message of Watch): request bytes in, response bytes out.
    pub fn call(&self, service: &str, method: &str, request: &[u8]) -> Result<Vec<u8>, Status> {
        if service == HEALTH_SERVICE {
            return self.health_check(request);
        }
        if service == STOCKS_SERVICE && method == "Get" {
            return self.stocks_get(request);
        }
        Err(Status::new(
            UNIMPLEMENTED,
            format!("doccheck stand-in runtime: no built-in behaviour for /{service}/{method}"),
        ))
    }

    fn stocks_get(&self, request: &[u8]) -> Result<Vec<u8>, Status> {
        let internal = |e: String| Status::new(INTERNAL, format!("Exception was thrown by handler. {e}"));
        let service = self.assembly.services.iter().find(|s| s.full_name == STOCKS_SERVICE);
        let method = service
            .and_then(|s| s.methods.iter().find(|m| m.name == "Get"))
            .ok_or_else(|| internal("Get".into()))?;
        let request = wire::decode(&self.types, &method.input, request)
            .map_err(|e| Status::new(INTERNAL, format!("Error starting gRPC call: {e}")))?;
        let id = request.get("id").and_then(Value::as_i64).unwrap_or(0);
        let Some(stock) = self
            .stocks
            .iter()
            .find(|s| field(s, "id").and_then(Value::as_i64) == Some(id))
        else {
            return Err(Status::new(NOT_FOUND, format!("Stock {id} not found")));
        };
        // The response carries the stock in its (first) message-typed field.
        let output = self
            .types
            .messages
            .get(&method.output)
            .ok_or_else(|| internal(method.output.clone()))?;
        let mut response = Map::new();
        if let Some(f) = output.fields.iter().find(|f| matches!(f.ty, FieldType::Message(_))) {
            let FieldType::Message(stock_type) = &f.ty else {
                unreachable!()
            };
            response.insert(f.name.clone(), self.shape(stock_type, stock));
        }
        wire::encode(&self.types, &method.output, &Value::Object(response)).map_err(internal)
    }

    /// The JSON record as message `type_name`: System.Text.Json matched property names
    /// case-insensitively, so do the same.
    fn shape(&self, type_name: &str, record: &Map<String, Value>) -> Value {
        let mut out = Map::new();
        if let Some(message) = self.types.messages.get(type_name) {
            for f in &message.fields {
                let value = field(record, &f.name).or_else(|| field(record, &wire::json_name(&f.name)));
                if let Some(v) = value {
                    out.insert(f.name.clone(), v.clone());
                }
            }
        }
        Value::Object(out)
    }

    fn health_check(&self, request: &[u8]) -> Result<Vec<u8>, Status> {
        // HealthCheckRequest { string service = 1; }
        let mut at = 0;
        let mut service = String::new();
        while at < request.len() {
            let key = wire::get_varint(request, &mut at).map_err(|e| Status::new(INTERNAL, e))?;
            if key == (1 << 3 | 2) {
                let n = wire::get_varint(request, &mut at).map_err(|e| Status::new(INTERNAL, e))? as usize;
                let bytes = request
                    .get(at..at + n)
                    .ok_or_else(|| Status::new(INTERNAL, "truncated"))?;
                service = String::from_utf8_lossy(bytes).into_owned();
                at += n;
            } else {
                return Err(Status::new(INTERNAL, "unexpected field in HealthCheckRequest"));
            }
        }
        let set = self.assembly.health_statuses.iter().rev().find(|(s, _)| *s == service);
        let Some((_, status)) = set else {
            // HealthServiceImpl throws RpcException(NotFound, "").
            return Err(Status::new(NOT_FOUND, ""));
        };
        // HealthCheckResponse { ServingStatus status = 1; }: UNKNOWN 0 (not written),
        // SERVING 1, NOT_SERVING 2, SERVICE_UNKNOWN 3.
        let number = match status.as_str() {
            "Serving" => 1,
            "NotServing" => 2,
            "ServiceUnknown" => 3,
            _ => 0,
        };
        Ok(if number == 0 { vec![] } else { vec![0x08, number] })
    }
}

fn field<'a>(record: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    record
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

fn load_stocks(path: &Path) -> Result<Vec<Map<String, Value>>, String> {
    let frames = "   at StockData.Services.StockRepository.Load(String path)\n   \
                  at StockData.Startup.ConfigureServices(IServiceCollection services)";
    let shown = path.display();
    let text = std::fs::read_to_string(path).map_err(|_| {
        format!(
            "System.IO.FileNotFoundException: Could not find file '{shown}'.\nFile name: '{shown}'\n   \
             at System.IO.File.ReadAllText(String path)\n{frames}"
        )
    })?;
    let json_error = |e: String| format!("System.Text.Json.JsonException: {e}\n{frames}");
    let doc: Value = serde_json::from_str(&text).map_err(|e| json_error(format!("{e} Path: $")))?;
    let records = doc
        .as_array()
        .ok_or_else(|| json_error("The JSON value could not be converted to System.Collections.Generic.List`1[StockData.Services.StockRepository+StockRecord]. Path: $".into()))?;
    let mut out: Vec<Map<String, Value>> = Vec::new();
    for r in records {
        let r = r
            .as_object()
            .cloned()
            .ok_or_else(|| json_error("The JSON value could not be converted to StockRecord.".into()))?;
        let id = field(&r, "id").and_then(Value::as_i64).unwrap_or(0);
        if out
            .iter()
            .any(|o| field(o, "id").and_then(Value::as_i64).unwrap_or(0) == id)
        {
            return Err(format!(
                "System.ArgumentException: An item with the same key has already been added. Key: {id}\n   \
                 at System.Linq.Enumerable.ToDictionary[TSource,TKey](IEnumerable`1 source, Func`2 keySelector)\n{frames}"
            ));
        }
        out.push(r);
    }
    Ok(out)
}
