//! Closed vocabularies of the regulations (DOMAIN.md): roles, organization kinds,
//! mentee categories, areas of difficulty and forms of mentoring.
//! Each value has a stable code (stored in the database and in callback data) and a
//! Fluent key for its human name (`<prefix>-<code>`).

use std::fmt;

/// Defines a closed vocabulary with stable string codes.
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident, $prefix:literal { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }

            /// The Fluent key of the human-readable name.
            pub fn key(self) -> String {
                format!("{}-{}", $prefix, self.code())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                Self::from_code(s).ok_or_else(|| {
                    let all: Vec<&str> = Self::ALL.iter().map(|v| v.code()).collect();
                    format!("unknown value '{}', expected one of: {}", s, all.join(", "))
                })
            }
        }
    };
}

code_enum!(
    /// A role a person holds; one person may hold several.
    Role, "role" {
        Mentee => "mentee",           // наставляемый
        Mentor => "mentor",           // наставник
        Curator => "curator",         // куратор (one organization)
        Head => "head",               // руководитель ОО (one organization)
        Coordinator => "coordinator", // муниципальный координатор (the district)
        Admin => "admin",             // technical administrator
    }
);

impl Role {
    /// Roles that are bound to one organization.
    pub fn is_org_scoped(self) -> bool {
        matches!(
            self,
            Role::Mentee | Role::Mentor | Role::Curator | Role::Head
        )
    }
}

code_enum!(
    /// Kind of an educational organization (образовательная организация).
    OrgKind, "org-kind" {
        School => "school",
        Kindergarten => "kindergarten",
        Additional => "additional",
        College => "college",
    }
);

code_enum!(
    /// Why a teacher needs a mentor (категория наставляемого, 001 §5.2.3).
    MenteeCategory, "category" {
        YoungTeacher => "young",
        Returning => "returning",
        NewInCollective => "newcomer",
        Growth => "growth",
        Ict => "ict",
        Burnout => "burnout",
        NonPedagogical => "nonped",
        Trainee => "trainee",
        Other => "other",
    }
);

code_enum!(
    /// Area of difficulty of a mentee / competence of a mentor (направление).
    Area, "area" {
        Subject => "subject",
        Methods => "methods",
        Upbringing => "upbringing",
        Organization => "organization",
        Psychology => "psychology",
        Parents => "parents",
        AdditionalEducation => "addedu",
        Legal => "legal",
        Ict => "ict",
        Health => "health",
        Adaptation => "adaptation",
    }
);

code_enum!(
    /// Kind of mentoring (форма/вид наставничества).
    Form, "form" {
        Traditional => "traditional",
        Group => "group",
        ShortTerm => "shortterm",
        Situational => "situational",
        Flash => "flash",
        Reverse => "reverse",
        Virtual => "virtual",
    }
);

/// Parses a comma-separated list of codes, ignoring unknown ones.
pub fn parse_list<T: Copy>(s: &str, from_code: fn(&str) -> Option<T>) -> Vec<T> {
    s.split(',').filter_map(|c| from_code(c.trim())).collect()
}

/// Joins codes into the comma-separated form stored in the database.
pub fn join_codes<T: fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_unique() {
        fn check<T: Copy + PartialEq + fmt::Debug>(
            all: &[T],
            code: fn(T) -> &'static str,
            parse: fn(&str) -> Option<T>,
        ) {
            let mut seen = std::collections::HashSet::new();
            for &v in all {
                assert!(seen.insert(code(v)), "duplicate code {}", code(v));
                assert_eq!(parse(code(v)), Some(v));
                // callback data must stay short
                assert!(code(v).len() <= 12);
            }
        }
        check(Role::ALL, Role::code, Role::from_code);
        check(OrgKind::ALL, OrgKind::code, OrgKind::from_code);
        check(
            MenteeCategory::ALL,
            MenteeCategory::code,
            MenteeCategory::from_code,
        );
        check(Area::ALL, Area::code, Area::from_code);
        check(Form::ALL, Form::code, Form::from_code);
    }

    #[test]
    fn lists_parse_and_join() {
        let areas = vec![Area::Methods, Area::Ict];
        let s = join_codes(&areas);
        assert_eq!(s, "methods,ict");
        assert_eq!(parse_list(&s, Area::from_code), areas);
        assert_eq!(parse_list("methods,bogus,,ict", Area::from_code), areas);
        assert!(parse_list("", Area::from_code).is_empty());
    }

    #[test]
    fn role_from_str_explains_choices() {
        let err = "boss".parse::<Role>().unwrap_err();
        assert!(err.contains("mentee") && err.contains("coordinator"));
        assert_eq!("curator".parse::<Role>(), Ok(Role::Curator));
    }
}
