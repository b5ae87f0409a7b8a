//! Typed ids: the names a rule file gives its items, sections, groups, scales and itself.
//!
//! Takes nothing; gives [`ItemId`], [`SectionId`], [`GroupId`], [`ScaleId`] and [`RuleSetId`], each a
//! `String` of one kind only, so a section's id cannot be looked up among the items by mistake.
//! Each is `#[serde(transparent)]`, so every file format (rule files, drafts, exports, case files) is
//! as it was, and derefs to `str` (with `Borrow<str>`), so maps keyed by an id are looked up by `&str`.

use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name(s)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_owned())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                self == other.0
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }
    };
}

id_type!(
    /// The id of an item: a question's printed id ("B.4.1.1") or a fact's id.
    ItemId
);
id_type!(
    /// The id of a section.
    SectionId
);
id_type!(
    /// The id of a group (key question).
    GroupId
);
id_type!(
    /// The id of an answer scale.
    ScaleId
);
id_type!(
    /// The id of a rule set (its `meta.id`), which drafts record.
    RuleSetId
);

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn serialises_as_a_plain_string() {
        let id = ItemId::from("B.4.1.1");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"B.4.1.1\"");
        let back: ItemId = serde_json::from_str("\"B.4.1.1\"").unwrap();
        assert_eq!(back, id);
    }

    #[test]
    fn looked_up_and_compared_as_text() {
        let mut m = HashMap::new();
        m.insert(SectionId::from("s1"), 1);
        assert_eq!(m.get("s1"), Some(&1));
        assert_eq!(m.get("s2"), None);
        let id = SectionId::from("s1");
        assert!(id == "s1");
        assert_eq!(id.to_string(), "s1");
        assert_eq!(&*id, "s1");
    }
}
