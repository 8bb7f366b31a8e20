//! The optional body of robot creation, validated like Quay's JSON schema (`CreateRobot`), with
//! its exact messages.

use serde_json::Value;

use super::ApiError;
use crate::util::py_repr;

const DESC_SCHEMA: &str = "{'description': 'Optional text description for the robot',\n     'maxLength': 255,\n     'type': 'string'}";

/// Validate the optional create body like Quay's JSON schema.
pub fn validate_create_body(body: &Option<Value>) -> Result<(String, Option<String>), ApiError> {
    let Some(v) = body else {
        return Ok((String::new(), None));
    };
    let Some(obj) = v.as_object() else {
        return Err(ApiError::invalid(format!(
            "{} is not of type 'object'\n\nFailed validating 'type' in schema:\n    {{'description': 'Information for creating a robot',\n     'properties': {{'description': {DESC_SCHEMA},\n                    'unstructured_metadata': {{'description': 'Optional unstructured metadata for the robot',\n                                              'type': 'object'}}}},\n     'type': 'object'}}\n\nOn instance:\n    {}",
            py_repr(v),
            py_repr(v)
        )));
    };
    let mut description = String::new();
    if let Some(d) = obj.get("description") {
        match d.as_str() {
            None => {
                return Err(ApiError::invalid(format!(
                    "{} is not of type 'string'\n\nFailed validating 'type' in schema['properties']['description']:\n    {DESC_SCHEMA}\n\nOn instance['description']:\n    {}",
                    py_repr(d),
                    py_repr(d)
                )))
            }
            Some(s) if s.chars().count() > 255 => {
                return Err(ApiError::invalid(format!(
                    "{} is too long\n\nFailed validating 'maxLength' in schema['properties']['description']:\n    {DESC_SCHEMA}\n\nOn instance['description']:\n    {}",
                    py_repr(d),
                    py_repr(d)
                )))
            }
            Some(s) => description = s.to_string(),
        }
    }
    let mut md = None;
    if let Some(m) = obj.get("unstructured_metadata") {
        if !m.is_object() && !m.is_null() {
            return Err(ApiError::invalid(format!(
                "{} is not of type 'object'\n\nFailed validating 'type' in schema['properties']['unstructured_metadata']:\n    {{'description': 'Optional unstructured metadata for the robot',\n     'type': 'object'}}\n\nOn instance['unstructured_metadata']:\n    {}",
                py_repr(m),
                py_repr(m)
            )));
        }
        if m.is_object() {
            md = Some(m.to_string());
        }
    }
    Ok((description, md))
}
