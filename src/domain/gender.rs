//! Grammatical gender of a person, for texts that name what someone did
//! («Смирнова Галина Ивановна отказалась», «Петров Иван Сергеевич согласился»).
//!
//! It is taken from the patronymic, the one part of a Russian full name that tells it reliably:
//! -вна / -чна → female, -вич / -ич → male; Turkic patronymics written as a separate word:
//! «кызы» / «гызы» → female, «оглы» / «улы» → male. Anything else (no patronymic, a foreign
//! name) is `Unknown`, and the texts use neutral wording for it — never a guess.

/// The gender a text agrees with. `code()` is what Fluent's `$gender` selector receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Female,
    Male,
    Unknown,
}

impl Gender {
    /// The value passed to Fluent as `$gender`: `f`, `m` or `other` (the neutral default variant).
    pub fn code(self) -> &'static str {
        match self {
            Gender::Female => "f",
            Gender::Male => "m",
            Gender::Unknown => "other",
        }
    }
}

/// The gender of the person named `full_name` («Фамилия Имя Отчество»), from the patronymic.
pub fn from_full_name(full_name: &str) -> Gender {
    let words: Vec<String> = full_name
        .split_whitespace()
        .map(|w| w.to_lowercase().replace('ё', "е"))
        .collect();
    // A Turkic patronymic is a separate word after the father's name: «Алиев Руслан Ахмед оглы».
    if words.len() >= 3 {
        match words.last().map(String::as_str) {
            Some("кызы" | "гызы" | "қызы") => return Gender::Female,
            Some("оглы" | "огли" | "улы" | "ұлы" | "уулу") => {
                return Gender::Male
            }
            _ => {}
        }
    }
    // The patronymic proper is the third word; a hyphenated form («Ахмед-оглы») is its last part.
    let Some(patronymic) = words.get(2) else {
        return Gender::Unknown;
    };
    let last = patronymic.rsplit('-').next().unwrap_or(patronymic);
    match last {
        "кызы" | "гызы" => return Gender::Female,
        "оглы" | "улы" => return Gender::Male,
        _ => {}
    }
    if last.chars().count() < 5 {
        return Gender::Unknown;
    }
    if last.ends_with("вна") || last.ends_with("ична") || last.ends_with("инична") {
        Gender::Female
    } else if last.ends_with("вич") || last.ends_with("ич") {
        Gender::Male
    } else {
        Gender::Unknown
    }
}

/// The `$gender` code for a possibly missing name.
pub fn code_of(full_name: Option<&str>) -> &'static str {
    full_name
        .map(from_full_name)
        .unwrap_or(Gender::Unknown)
        .code()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Gender::*;

    #[test]
    fn patronymics() {
        for (name, g) in [
            ("Смирнова Галина Ивановна", Female),
            ("Козлова Дарья Сергеевна", Female),
            ("Петров Иван Сергеевич", Male),
            ("Ильин Пётр Кузьмич", Male),
            ("Никитина Анна Ильинична", Female),
            ("Саввина Ольга Никитична", Female),
            ("Фомин Олег Фомич", Male),
            ("Алиева Лейла Рашид кызы", Female),
            ("Алиев Руслан Ахмед оглы", Male),
            ("Мамедов Эльдар Ахмед-оглы", Male),
            ("Гусейнова Айгюль Ахмед гызы", Female),
            ("СМИРНОВА ГАЛИНА ИВАНОВНА", Female),
            ("Сергеев Артём Фёдорович", Male),
            ("Иванова Мария Петровна-Смирнова", Unknown),
            ("Иванова Мария", Unknown),
            ("Салтыков-Щедрин Михаил", Unknown),
            ("Maria Ivanova", Unknown),
            ("Ким Ир", Unknown),
            ("", Unknown),
            ("Ли Вич Ич", Unknown),
        ] {
            assert_eq!(from_full_name(name), g, "{name}");
        }
    }

    #[test]
    fn fluent_codes() {
        assert_eq!(Female.code(), "f");
        assert_eq!(Male.code(), "m");
        assert_eq!(Unknown.code(), "other");
        assert_eq!(code_of(None), "other");
        assert_eq!(code_of(Some("Козлова Дарья Сергеевна")), "f");
    }
}
