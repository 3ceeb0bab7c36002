//! Personal data: where it lives, what `/forget` does with it, and what `/mydata` lists.
//!
//! [`PERSONAL_DATA`] is the one classification of the schema. Every TEXT column (and every
//! column that holds a Telegram chat id) of every table made by `migrations/` has an entry;
//! the test `every_text_column_is_classified` reads the live schema after all migrations and
//! fails on a column without a decision. To classify a new table, add one line per group of
//! columns:
//! - [`Rule::Neutral`]: free text the person wrote or that is about them — replaced with
//!   [`MARK`] in the rows `owner` selects; the person's name is also masked in every row;
//! - [`Rule::Null`]: set to NULL in the person's rows (identifiers, file ids, profile fields);
//! - [`Rule::Delete`]: the person's rows are deleted (links, profiles, preferences);
//! - [`Rule::MaskName`]: kept, but the person's full name is masked wherever it occurs;
//! - [`Rule::Keep`]: not personal data (codes, dates, the district's own texts) — say why.
//!
//! `owner` is an SQL condition on the table's rows: `{u}` is the person's `users.id`, `{tg}`
//! their Telegram id (both integers from our own records, never typed text).
//! `label` is the Fluent key (`privacy.ftl`) that names the data in `/mydata`.

use super::Pool;
use chrono::{DateTime, Utc};

/// What replaces a text that was erased on request.
pub const MARK: &str = "(удалено по запросу)";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    Neutral {
        owner: &'static str,
        label: &'static str,
    },
    Null {
        owner: &'static str,
        label: &'static str,
    },
    Delete {
        owner: &'static str,
        label: &'static str,
    },
    MaskName {
        why: &'static str,
    },
    Keep {
        why: &'static str,
    },
}

#[derive(Debug, Clone, Copy)]
pub struct Entry {
    pub table: &'static str,
    pub columns: &'static [&'static str],
    pub rule: Rule,
}

const fn e(table: &'static str, columns: &'static [&'static str], rule: Rule) -> Entry {
    Entry {
        table,
        columns,
        rule,
    }
}
const fn neutral(owner: &'static str, label: &'static str) -> Rule {
    Rule::Neutral { owner, label }
}
const fn null(owner: &'static str, label: &'static str) -> Rule {
    Rule::Null { owner, label }
}
const fn delete(owner: &'static str, label: &'static str) -> Rule {
    Rule::Delete { owner, label }
}
const fn keep(why: &'static str) -> Rule {
    Rule::Keep { why }
}

/// Tables a person's Telegram chat ids and texts can never be in: sqlx's bookkeeping and the
/// shadow tables of the full-text index (they mirror `practices_fts`, classified below).
pub fn is_internal_table(name: &str) -> bool {
    name.starts_with("_sqlx") || name.starts_with("sqlite_") || name.starts_with("practices_fts_")
}

const TIMES: &str = "timestamps and dates: when, not who";
const CODES: &str = "codes from fixed lists (statuses, kinds, areas, forms)";

pub const PERSONAL_DATA: &[Entry] = &[
    // people
    e("users", &["full_name", "position", "subjects", "lang", "menu_roles", "consent_at", "registered_at", "unreachable_at",
        "telegram_id", "org_id", "experience_years"], null("id = {u}", "pd-users")),
    e("users", &["created_at", "updated_at", "forgotten_at"], keep(TIMES)),
    e("roles", &["role", "granted_at"], delete("user_id = {u}", "pd-roles")),
    e("mentee_profiles", &["category", "areas", "difficulty_note", "updated_at", "confirmed_at"], delete("user_id = {u}", "pd-mentee-profiles")),
    e("mentor_profiles", &["competences", "forms", "consent_at", "status", "updated_at", "confirmed_at", "approved_at"],
        delete("user_id = {u}", "pd-mentor-profiles")),
    e("invite_uses", &["code", "used_at"], delete("user_id = {u}", "pd-invite-uses")),
    e("invites", &["code", "role", "expires_at", "created_at"], keep("invitation codes and their lifetime; created_by points to a row that /forget anonymizes")),
    e("app_state", &["key", "value", "updated_at"], keep("the bot's own named values: the console clock, the last reminder pass; never about a person")),
    e("organizations", &["name", "kind", "tz", "created_at", "stage_since"], keep("the district's organizations: public names, not people")),
    e("dialogues", &["chat_id", "state", "updated_at"], delete("chat_id = {tg}", "pd-dialogues")),
    // requests, pairs and their history
    e("requests", &["description", "reject_reason"], neutral("mentee_id = {u}", "pd-requests")),
    e("requests", &["kind", "areas", "form", "excluded", "status", "created_at", "updated_at"], keep("codes and user ids the statistics count; the mentee row is anonymized")),
    e("proposals", &["reason"], neutral("mentor_id = {u} OR request_id IN (SELECT id FROM requests WHERE mentee_id = {u})", "pd-proposals")),
    e("proposals", &["status", "created_at", "answered_at", "reminded_at", "escalated_at"], keep(CODES)),
    e("pairs", &["forms", "start_date", "planned_end", "status", "end_reason", "ended_at", "created_at"], keep("the pair history the district statistics need; people are anonymous ids")),
    e("orders", &["number", "order_date", "created_at"], keep("the number and date of the head's order: a school document, not about a person")),
    e("school_facts", &["regulation_date", "updated_at"], keep("an organization's own statement (counts, the date of its regulation): not about a person, nobody's name is stored")),
    e("pair_mentees", &["joined_at"], keep(TIMES)),
    e("petitions", &["reason_text"], neutral("mentee_id = {u}", "pd-petitions")),
    e("petitions", &["decision_reason"], neutral("mentee_id = {u} OR decided_by = {u}", "pd-decisions")),
    e("petitions", &["reason_code", "status", "created_at", "decided_at"], keep(CODES)),
    e("resignations", &["reason"], neutral("mentor_id = {u}", "pd-resignations")),
    e("resignations", &["decision_reason"], neutral("mentor_id = {u} OR decided_by = {u}", "pd-decisions")),
    e("resignations", &["status", "created_at", "decided_at"], keep(CODES)),
    e("pair_changes", &["reason_text"], neutral("requested_by = {u}", "pd-pair-changes")),
    e("pair_changes", &["kind", "reason_code", "new_end", "status", "created_at", "decided_at", "agreed_at"], keep(CODES)),
    e("history", &["reason"], neutral(
        "actor_id = {u} OR (subject = 'request' AND subject_id IN (SELECT id FROM requests WHERE mentee_id = {u})) \
         OR (subject = 'petition' AND subject_id IN (SELECT id FROM petitions WHERE mentee_id = {u})) \
         OR (subject = 'resignation' AND subject_id IN (SELECT id FROM resignations WHERE mentor_id = {u}))",
        "pd-history")),
    e("history", &["subject", "from_status", "to_status", "at"], keep(CODES)),
    // the work of a pair
    e("plan_items", &["title"], neutral("mentee_id = {u} OR created_by = {u}", "pd-plan-items")),
    e("plan_items", &["product_text", "self_comment"], neutral(
        "mentee_id = {u} OR (mentee_id IS NULL AND pair_id IN (SELECT pair_id FROM pair_mentees WHERE mentee_id = {u}))", "pd-plan-products")),
    e("plan_items", &["product_file_id"], null(
        "mentee_id = {u} OR (mentee_id IS NULL AND pair_id IN (SELECT pair_id FROM pair_mentees WHERE mentee_id = {u}))", "pd-plan-products")),
    e("plan_items", &["check_comment"], neutral("mentee_id = {u} OR pair_id IN (SELECT id FROM pairs WHERE mentor_id = {u})", "pd-plan-checks")),
    e("plan_items", &["source_chat", "source_message"], null("source_chat = {tg}", "pd-source-messages")),
    e("plan_items", &["kind", "area", "deadline", "status", "product_kind", "submitted_at", "checked_at", "created_at", "updated_at"], keep(CODES)),
    e("plan_item_changes", &["old_value", "new_value"], neutral(
        "field = 'title' AND (proposed_by = {u} OR item_id IN (SELECT id FROM plan_items WHERE mentee_id = {u} OR created_by = {u}))", "pd-plan-items")),
    e("plan_item_changes", &["field", "state", "created_at", "decided_at"], keep(CODES)),
    e("plan_proposals", &["title", "final_title", "reason"], neutral(
        "proposed_by = {u} OR decided_by = {u} OR pair_id IN (SELECT id FROM pairs WHERE mentor_id = {u})", "pd-plan-proposals")),
    e("plan_proposals", &["kind", "deadline", "state", "created_at", "decided_at"], keep(CODES)),
    e("sos_requests", &["question"], neutral("mentee_id = {u}", "pd-sos")),
    e("sos_requests", &["answer"], neutral("mentee_id = {u} OR mentor_id = {u}", "pd-sos-answers")),
    e("sos_requests", &["source_chat", "source_message"], null("source_chat = {tg}", "pd-source-messages")),
    e("sos_requests", &["asked_at", "answered_at"], keep(TIMES)),
    e("journal_entries", &["topic"], neutral("author_id = {u} OR mentee_id = {u}", "pd-journal")),
    e("journal_entries", &["source_chat", "source_message"], null("source_chat = {tg}", "pd-source-messages")),
    e("journal_entries", &["kind", "on_date", "format", "deleted_at", "created_at", "updated_at"], keep("what the statistics count: kind, date, format")),
    e("scheduled_meetings", &["topic"], neutral("created_by = {u} OR mentee_id = {u} OR pair_id IN (SELECT pair_id FROM pair_mentees WHERE mentee_id = {u})", "pd-meetings")),
    e("scheduled_meetings", &["source_chat", "source_message"], null("source_chat = {tg}", "pd-source-messages")),
    e("scheduled_meetings", &["starts_at", "status", "created_at", "updated_at"], keep("when a meeting was planned and whether it took place: not who")),
    e("journal_versions", &["topic"], neutral(
        "changed_by = {u} OR entry_id IN (SELECT id FROM journal_entries WHERE author_id = {u} OR mentee_id = {u})", "pd-journal-versions")),
    e("journal_versions", &["on_date", "format", "action", "changed_at"], keep(CODES)),
    e("adaptation_reports", &["body", "comment"], neutral(
        "mentor_id = {u} OR pair_id IN (SELECT pair_id FROM pair_mentees WHERE mentee_id = {u})", "pd-adaptation-reports")),
    e("adaptation_reports", &["period_from", "period_to", "sent_at"], keep(TIMES)),
    // reminders
    e("reminders_sent", &["kind", "subject", "period", "state", "created_at", "updated_at"], keep("exactly-once bookkeeping: kind, subject id, period; no text")),
    e("reminder_mutes", &["topic"], delete("user_id = {u}", "pd-mutes")),
    e("calendar_events", &["title", "source"], Rule::MaskName { why: "the district's calendar, written by the coordinator for everyone" }),
    e("calendar_events", &["code", "audience", "created_at"], keep(CODES)),
    e("held_events", &["title"], Rule::MaskName { why: "the district's events, named by the coordinator for the reports" }),
    e("held_events", &["held_on", "created_at"], keep(TIMES)),
    // community
    e("community_chats", &["topic_asked_by"], null("topic_asked_by = {tg}", "pd-chat-questions")),
    e("community_chats", &["chat_id", "title", "kind", "topic", "added_at", "linked_at", "left_at", "welcomed_at"],
        keep("group chats: their ids and titles belong to the groups, not to a person")),
    e("community_chats", &["welcome_pending"], keep("Telegram first names of a group's newcomers, held until the next welcome (hours) and never linked to a person's record")),
    e("announcements", &["body"], neutral("author_id = {u}", "pd-announcements")),
    e("announcements", &["file_id"], null("author_id = {u}", "pd-announcements")),
    e("announcements", &["org_scope", "file_kind", "targets", "status", "send_at", "sent_at", "created_at"], keep(CODES)),
    // the outbox keeps a message's text only until it is sent (settled rows are records)
    e("outbox", &["chat_id", "text", "keyboard", "file_kind", "file_id", "on_sent", "state", "error", "created_at", "updated_at"],
        delete("user_id = {u}", "pd-outbox")),
    e("announcement_deliveries", &["chat_id", "status", "at"], keep("deliveries to group chats and to anonymized person rows")),
    e("practices", &["title", "description"], neutral("author_id = {u} AND status <> 'published'", "pd-practices")),
    e("practices", &["review_comment"], neutral("author_id = {u}", "pd-practices")),
    e("practices", &["areas", "form", "status", "created_at", "updated_at", "published_at", "withheld_at"], keep(CODES)),
    e("practice_files", &["file_id", "kind", "name"], delete(
        "practice_id IN (SELECT id FROM practices WHERE author_id = {u} AND status <> 'published')", "pd-practice-files")),
    e("practices_fts", &["stems"], delete("rowid IN (SELECT id FROM practices WHERE author_id = {u} AND status <> 'published')", "pd-practice-index")),
    // monitoring
    e("surveys", &["code", "respondent", "stage", "updated_at"], keep("survey definitions")),
    e("survey_questions", &["survey", "qid", "kind", "text_ru", "text_en"], keep("survey definitions")),
    e("survey_responses", &["survey", "started_at", "completed_at", "closed_at"], keep("who answered is an anonymized row; the scores feed the indicators")),
    e("survey_answers", &["text"], neutral("response_id IN (SELECT id FROM survey_responses WHERE user_id = {u})", "pd-survey-texts")),
    e("survey_answers", &["qid", "answered_at"], keep(CODES)),
    e("indicator_targets", &["code", "updated_at"], keep("the district's targets")),
];

/// Does a column need a decision? Every TEXT (or untyped) column, and every column that
/// holds a Telegram chat or user id.
pub fn needs_decision(column: &str, declared_type: &str) -> bool {
    let t = declared_type.to_uppercase();
    t.is_empty()
        || t.contains("TEXT")
        || t.contains("CHAR")
        || t.contains("CLOB")
        || column.contains("chat")
        || column.contains("telegram")
}

/// The rule for a column, if classified.
pub fn rule_of(table: &str, column: &str) -> Option<Rule> {
    PERSONAL_DATA
        .iter()
        .find(|e| e.table == table && e.columns.contains(&column))
        .map(|e| e.rule)
}

fn owner_sql(owner: &str, user_id: i64, tg: Option<i64>) -> String {
    let tg = tg.map(|t| t.to_string()).unwrap_or_else(|| "NULL".into());
    owner
        .replace("{u}", &user_id.to_string())
        .replace("{tg}", &tg)
}

/// One line of `/mydata`: the Fluent key of the data and how many records hold it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holding {
    pub label: &'static str,
    pub table: &'static str,
    pub rows: i64,
}

/// What is stored about the person, table by table: for every classified group of columns,
/// the number of the person's rows that still hold something there (erased texts, which
/// read [`MARK`], do not count). `users` itself is shown field by field by `/mydata`.
pub async fn holdings(pool: &Pool, user_id: i64, tg: Option<i64>) -> sqlx::Result<Vec<Holding>> {
    let mut out: Vec<Holding> = Vec::new();
    for entry in PERSONAL_DATA.iter().filter(|e| e.table != "users") {
        let (owner, label) = match entry.rule {
            Rule::Neutral { owner, label }
            | Rule::Null { owner, label }
            | Rule::Delete { owner, label } => (owner, label),
            Rule::MaskName { .. } | Rule::Keep { .. } => continue,
        };
        let filled = entry
            .columns
            .iter()
            .map(|c| match entry.rule {
                Rule::Delete { .. } => "1".to_string(),
                _ => format!("({c} IS NOT NULL AND {c} <> '' AND {c} <> '{MARK}')"),
            })
            .collect::<Vec<_>>()
            .join(" OR ");
        let sql = format!(
            "SELECT COUNT(*) FROM {} WHERE ({}) AND ({filled})",
            entry.table,
            owner_sql(owner, user_id, tg)
        );
        let (n,): (i64,) = sqlx::query_as(&sql).fetch_one(pool).await?;
        if n == 0 {
            continue;
        }
        // columns of one table under one label are the same rows: counted once
        match out
            .iter_mut()
            .find(|h| h.label == label && h.table == entry.table)
        {
            Some(h) => h.rows = h.rows.max(n),
            None => out.push(Holding {
                label,
                table: entry.table,
                rows: n,
            }),
        }
    }
    Ok(out)
}

/// What [`forget`] left for someone else to decide.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Forgotten {
    /// Published practices of the person, withheld from the bank until a curator of their
    /// organization keeps them without the author's name or removes them: (id, org).
    pub withheld_practices: Vec<(i64, Option<i64>)>,
}

/// Withdrawal of consent (/forget), in one transaction: every classified column is erased as
/// [`PERSONAL_DATA`] says, the person's full name is masked in every free text of anyone,
/// and the `users` row stays as an anonymous record (no Telegram id, name, organization or
/// experience) so that pair history and the district's counts stay correct.
pub async fn forget(pool: &Pool, user_id: i64, now: DateTime<Utc>) -> sqlx::Result<Forgotten> {
    let mut tx = crate::db::write(pool).await?;
    let person: Option<(Option<i64>, Option<String>)> =
        sqlx::query_as("SELECT telegram_id, full_name FROM users WHERE id = ?")
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((tg, name)) = person else {
        return Ok(Forgotten::default());
    };
    // published practices leave the bank until a curator decides
    let withheld: Vec<(i64, Option<i64>)> = sqlx::query_as(
        "UPDATE practices SET withheld_at = ?, updated_at = ? WHERE author_id = ? AND status = 'published' AND withheld_at IS NULL AND kept_by IS NULL \
         RETURNING id, org_id",
    )
    .bind(now)
    .bind(now)
    .bind(user_id)
    .fetch_all(&mut *tx)
    .await?;
    // texts first, rows next, the person's own row last (owner conditions read it)
    for pass in 0..3 {
        for entry in PERSONAL_DATA {
            let owner = owner_sql(
                match (pass, entry.rule, entry.table == "users") {
                    (0, Rule::Neutral { owner, .. } | Rule::Null { owner, .. }, false) => owner,
                    (1, Rule::Delete { owner, .. }, _) => owner,
                    (2, Rule::Null { owner, .. }, true) => owner,
                    _ => continue,
                },
                user_id,
                tg,
            );
            let sql = match entry.rule {
                Rule::Delete { .. } => format!("DELETE FROM {} WHERE {owner}", entry.table),
                Rule::Null { .. } => {
                    let set: Vec<String> = entry
                        .columns
                        .iter()
                        .map(|c| format!("{c} = NULL"))
                        .collect();
                    format!(
                        "UPDATE {} SET {} WHERE {owner}",
                        entry.table,
                        set.join(", ")
                    )
                }
                _ => {
                    let set: Vec<String> =
                        entry.columns.iter().map(|c| format!("{c} = CASE WHEN {c} IS NULL OR {c} = '' THEN {c} ELSE '{MARK}' END")).collect();
                    format!(
                        "UPDATE {} SET {} WHERE {owner}",
                        entry.table,
                        set.join(", ")
                    )
                }
            };
            sqlx::query(&sql).execute(&mut *tx).await?;
        }
    }
    // the name wherever someone else wrote it (report drafts, comments, the calendar)
    if let Some(name) = name.filter(|n| !n.trim().is_empty()) {
        for entry in PERSONAL_DATA
            .iter()
            .filter(|e| matches!(e.rule, Rule::Neutral { .. } | Rule::MaskName { .. }))
        {
            for c in entry.columns {
                sqlx::query(&format!(
                    "UPDATE {} SET {c} = replace({c}, ?1, '{MARK}') WHERE instr({c}, ?1) > 0",
                    entry.table
                ))
                .bind(&name)
                .execute(&mut *tx)
                .await?;
            }
        }
    }
    sqlx::query("UPDATE users SET forgotten_at = ?, updated_at = ? WHERE id = ?")
        .bind(now)
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    // drop the erased terms from the full-text index's pages, not only mark them deleted
    sqlx::query("INSERT INTO practices_fts(practices_fts) VALUES ('optimize')")
        .execute(pool)
        .await?;
    Ok(Forgotten {
        withheld_practices: withheld,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{I18n, Lang};

    /// Every table and column of the live schema after all migrations.
    async fn schema(pool: &Pool) -> Vec<(String, String, String)> {
        let tables: Vec<(String,)> =
            sqlx::query_as("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                .fetch_all(pool)
                .await
                .unwrap();
        let mut out = Vec::new();
        for (t,) in tables.into_iter().filter(|(t,)| !is_internal_table(t)) {
            let cols: Vec<(String, String)> =
                sqlx::query_as(&format!("SELECT name, type FROM pragma_table_info('{t}')"))
                    .fetch_all(pool)
                    .await
                    .unwrap();
            out.extend(cols.into_iter().map(|(c, ty)| (t.clone(), c, ty)));
        }
        out
    }

    #[tokio::test]
    async fn every_text_column_is_classified() {
        let pool = crate::db::memory().await;
        let columns = schema(&pool).await;
        assert!(columns.len() > 100, "the schema was read");
        let missing: Vec<String> = columns
            .iter()
            .filter(|(t, c, ty)| needs_decision(c, ty) && rule_of(t, c).is_none())
            .map(|(t, c, ty)| format!("{t}.{c} ({ty})"))
            .collect();
        assert!(
            missing.is_empty(),
            "columns without a personal-data decision — add them to PERSONAL_DATA in src/repo/erasure.rs: {missing:?}"
        );
        // and no entry names a column that does not exist or is classified twice
        for entry in PERSONAL_DATA {
            for c in entry.columns {
                assert!(
                    columns
                        .iter()
                        .any(|(t, col, _)| t == entry.table && col == c),
                    "{}.{c} is not in the schema",
                    entry.table
                );
                let n = PERSONAL_DATA
                    .iter()
                    .filter(|e| e.table == entry.table && e.columns.contains(c))
                    .count();
                assert_eq!(n, 1, "{}.{c} is classified {n} times", entry.table);
            }
        }
    }

    #[test]
    fn the_check_catches_a_new_free_text_column() {
        // what the schema test does with a column nobody has classified yet
        assert!(needs_decision("note", "TEXT") && rule_of("outbox", "note").is_none());
        assert!(
            needs_decision("chat_id", "INTEGER"),
            "Telegram ids need a decision too"
        );
        assert!(!needs_decision("pair_id", "INTEGER"));
    }

    #[test]
    fn every_label_is_translated() {
        let i18n = I18n::load().unwrap();
        for entry in PERSONAL_DATA {
            if let Rule::Neutral { label, .. }
            | Rule::Null { label, .. }
            | Rule::Delete { label, .. } = entry.rule
            {
                for lang in Lang::ALL {
                    assert!(i18n.has(lang, label), "{label} ({})", lang.code());
                }
            }
        }
    }
}
