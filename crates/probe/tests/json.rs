//! json_contains: subset matching of probe answers.

use doccheck_probe::json_contains;
use serde_json::json;

fn stock() -> serde_json::Value {
    json!({"stock": {"id": 1, "symbol": "MSFT", "name": "Microsoft"}, "tags": ["a", {"k": 1, "x": 2}]})
}

#[test]
fn equal_values_match() {
    assert_eq!(json_contains(&stock(), &stock()), Ok(()));
    assert_eq!(json_contains(&json!(null), &json!(null)), Ok(()));
}

#[test]
fn a_subset_of_fields_matches() {
    assert_eq!(json_contains(&stock(), &json!({})), Ok(()));
    assert_eq!(
        json_contains(&stock(), &json!({"stock": {"symbol": "MSFT"}})),
        Ok(())
    );
    // objects inside arrays are subsets too
    assert_eq!(
        json_contains(&stock(), &json!({"tags": ["a", {"k": 1}]})),
        Ok(())
    );
}

#[test]
fn a_different_value_names_its_path() {
    let e = json_contains(&stock(), &json!({"stock": {"symbol": "AAPL"}})).unwrap_err();
    assert_eq!(e, r#"at $.stock.symbol: expected "AAPL", found "MSFT""#);
}

#[test]
fn a_missing_field_names_its_parent_and_what_is_there() {
    let e = json_contains(&stock(), &json!({"stock": {"price": 3}})).unwrap_err();
    assert!(e.starts_with(r#"at $.stock: missing field "price""#), "{e}");
    assert!(e.contains(r#""symbol""#), "{e}");
}

#[test]
fn arrays_must_have_the_same_length() {
    let e = json_contains(&stock(), &json!({"tags": ["a"]})).unwrap_err();
    assert_eq!(
        e,
        "at $.tags: expected an array of 1 element, found 2 elements"
    );
    let e = json_contains(&stock(), &json!({"tags": ["b", {"k": 1}]})).unwrap_err();
    assert_eq!(e, r#"at $.tags[0]: expected "b", found "a""#);
    let e = json_contains(&stock(), &json!({"tags": ["a", {"k": 2}]})).unwrap_err();
    assert_eq!(e, "at $.tags[1].k: expected 2, found 1");
}

#[test]
fn types_must_agree() {
    // proto3 JSON writes int64 as strings: "1" is not 1
    let e = json_contains(&json!({"id": "1"}), &json!({"id": 1})).unwrap_err();
    assert_eq!(e, r#"at $.id: expected number 1, found string "1""#);
    let e = json_contains(&json!({"a": {"b": 1}}), &json!({"a": [1]})).unwrap_err();
    assert!(e.starts_with("at $.a: expected array"), "{e}");
    let e = json_contains(&json!({"a": null}), &json!({"a": false})).unwrap_err();
    assert!(
        e.starts_with("at $.a: expected boolean false, found null"),
        "{e}"
    );
}

#[test]
fn numbers_compare_by_value() {
    assert_eq!(json_contains(&json!({"p": 1.0}), &json!({"p": 1})), Ok(()));
    assert!(json_contains(&json!({"p": 1.5}), &json!({"p": 1})).is_err());
}

#[test]
fn odd_keys_are_quoted_in_the_path() {
    let e = json_contains(&json!({"a b": {"9x": 1}}), &json!({"a b": {"9x": 2}})).unwrap_err();
    assert_eq!(e, r#"at $["a b"]["9x"]: expected 2, found 1"#);
}
