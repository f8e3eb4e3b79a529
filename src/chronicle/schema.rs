//! JSON Schema pieces serde cannot derive: the written form of historical dates.

use super::HistoricalDate;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use std::borrow::Cow;

impl JsonSchema for HistoricalDate {
    fn schema_name() -> Cow<'static, str> {
        "HistoricalDate".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let point = r"(?:(?:early|mid|late) -?\d{4}-\d{2}|-?\d{2}(?:XX|\dX|\d{2}(?:-\d{2}(?:-\d{2})?)?))[?~%]?";
        json_schema!({
            "type": "string",
            "description": "EDTF date or range (1950-10-19, 1949-12, 1950-21 for spring, 1950, 1950-10-14?, 1949-12~, 1950-10-09/1950-10-10) or a part of a month (early 1949-12, mid 1950-04/late 1950-05).",
            "pattern": format!("^{point}(?:/{point})?$"),
            "examples": ["1950-10-19", "1950-10-09/1950-10-10", "early 1949-12", "1950-10-14?", "1950-21"]
        })
    }
}
