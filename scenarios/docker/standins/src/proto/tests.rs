use super::*;

const STOCKS: &str = r#"syntax = "proto3";

option csharp_namespace = "StockData.Protos";

package stocks;

service Stocks {
  rpc Get (GetRequest) returns (GetResponse);
}

message GetRequest {
  int32 id = 1;
}

message GetResponse {
  Stock stock = 1;
}

message Stock {
  int32 id = 1;
  string symbol = 2;
  string name = 3;
}
"#;

fn first_error(source: &str) -> String {
    compile_source("Protos/x.proto", source).unwrap_err()[0].to_string()
}

#[test]
fn compiles_the_sample_service() {
    let file = compile_source("Protos/stocks.proto", STOCKS).unwrap();
    assert_eq!(file.package, "stocks");
    assert_eq!(file.services.len(), 1);
    let get = &file.services[0].methods[0];
    assert_eq!(file.services[0].full_name, "stocks.Stocks");
    assert_eq!(
        (get.input.as_str(), get.output.as_str()),
        ("stocks.GetRequest", "stocks.GetResponse")
    );
    let response = file
        .messages
        .iter()
        .find(|m| m.full_name == "stocks.GetResponse")
        .unwrap();
    assert_eq!(response.fields[0].ty, FieldType::Message("stocks.Stock".into()));
    assert!(file
        .options
        .contains(&("csharp_namespace".into(), "StockData.Protos".into())));
}

#[test]
fn reports_syntax_errors_with_line_and_column() {
    let broken = STOCKS.replace("message GetRequest", "messge GetRequest");
    assert_eq!(
        first_error(&broken),
        "Protos/x.proto(11,1): error : Expected top-level statement (e.g. \"message\")."
    );
    let no_semicolon = STOCKS.replace(
        "int32 id = 1;\n}\n\nmessage GetResponse",
        "int32 id = 1\n}\n\nmessage GetResponse",
    );
    assert_eq!(
        first_error(&no_semicolon),
        "Protos/x.proto(13,1): error : Expected \";\"."
    );
}

#[test]
fn reports_undefined_types_and_duplicates() {
    let undefined = STOCKS.replace("Stock stock = 1;", "Stok stock = 1;");
    assert_eq!(
        first_error(&undefined),
        "Protos/x.proto(16,3): error : \"Stok\" is not defined."
    );
    let dup = STOCKS.replace("string name = 3;", "string name = 2;");
    assert!(first_error(&dup).contains("Field number 2 has already been used in \"stocks.Stock\" by field \"symbol\"."));
    let scalar_rpc = STOCKS.replace("rpc Get (GetRequest)", "rpc Get (int32)");
    assert!(first_error(&scalar_rpc).ends_with("error : Expected message type."));
}

#[test]
fn proto3_rules() {
    let optional = STOCKS.replace("string symbol = 2;", "optional string symbol = 2;");
    assert!(first_error(&optional).contains("Explicit 'optional' labels are disallowed"));
    let proto2 = STOCKS.replace("syntax = \"proto3\";", "");
    assert!(first_error(&proto2).contains("Expected \"required\", \"optional\", or \"repeated\"."));
    let bad = STOCKS.replace("\"proto3\"", "\"proto4\"");
    assert!(first_error(&bad).contains("Unrecognized syntax identifier \"proto4\""));
}

#[test]
fn nested_maps_enums_and_well_known_imports() {
    let source = r#"
syntax = "proto3";
package a.b;
import "google/protobuf/timestamp.proto";
message Outer {
  message Inner { string x = 1; }
  enum Kind { KIND_UNKNOWN = 0; KIND_A = 1; }
  Inner inner = 1;
  Kind kind = 2;
  map<string, Inner> by_name = 3;
  repeated .a.b.Outer.Inner all = 4;
  google.protobuf.Timestamp at = 5;
  oneof choice { string s = 6; int64 n = 7; }
}
service S { rpc Watch (Outer) returns (stream Outer) { option deprecated = true; } }
"#;
    let file = compile_source("x.proto", source).unwrap();
    let outer = file.messages.iter().find(|m| m.full_name == "a.b.Outer").unwrap();
    assert_eq!(outer.fields.len(), 7);
    assert_eq!(outer.fields[1].ty, FieldType::Enum("a.b.Outer.Kind".into()));
    assert!(matches!(outer.fields[2].ty, FieldType::Map(Scalar::String, _)));
    assert_eq!(
        outer.fields[4].ty,
        FieldType::Message("google.protobuf.Timestamp".into())
    );
    assert!(file.services[0].methods[0].server_streaming);
}
