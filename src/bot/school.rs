//! `/school` — a curator states the organization's facts once a school year (004 Table 1):
//! teachers, young teachers, new heads, the regulation on mentoring. One question per
//! message, the current answer shown; /cancel keeps what was stated before.

use super::action::school::SchoolAction;
use super::actor::Actor;
use super::reply::{Button, Reply};
use super::state::{FactsDraft, FactsStep};
use super::ui::{self, Answered, Callback};
use super::{Ctx, Dlg, HandlerError, HandlerResult, State};
use crate::domain::school::{parse_count, school_year, Regulation, Stated};
use crate::domain::Role;
use crate::i18n::Lang;
use crate::repo::school;
use chrono::NaiveDate;
use teloxide::prelude::*;

/// `/school`: the curator's organization (a button each if several), then the questions.
pub async fn command(bot: &Bot, dialogue: &Dlg, ctx: &Ctx, actor: &Actor) -> HandlerResult {
    let lang = actor.lang;
    let chat = ChatId(actor.tg);
    match actor.orgs_for(Role::Curator).as_slice() {
        [] => {
            bot.send_message(chat, tr!(lang, "not-allowed")).await?;
        }
        [org] => {
            let text = start(ctx, dialogue, lang, *org).await?;
            bot.send_message(chat, text).await?;
        }
        several => {
            let mut reply = Reply::new(tr!(lang, "sf-which-org"));
            for org in several {
                reply = reply.button(Button::new(
                    super::audience::org_name(&ctx.pool, Some(*org)).await,
                    SchoolAction::Facts { org: *org },
                ));
            }
            ui::send_reply(bot, chat, reply).await?;
        }
    }
    Ok(())
}

/// The organization chosen (authorized: its curator).
pub async fn on_facts_button(cb: &Callback<'_>, org: i64) -> Result<Answered, HandlerError> {
    cb.answer(None).await?;
    let text = start(cb.ctx, cb.dialogue, cb.lang(), org).await?;
    cb.edit(text, None).await?;
    Ok(Answered::Done)
}

/// What is stated now, and the first question.
async fn start(ctx: &Ctx, dialogue: &Dlg, lang: Lang, org: i64) -> Result<String, HandlerError> {
    let today = ctx.today(Some(org)).await;
    let year = school_year(today);
    let current = school::latest(&ctx.pool, org, year).await?;
    let draft = FactsDraft {
        org,
        step: FactsStep::Teachers,
        teachers: None,
        young: None,
        new_heads: None,
    };
    dialogue.update(State::SchoolFacts(draft)).await?;
    let name = super::audience::org_name(&ctx.pool, Some(org)).await;
    let now = match &current {
        Some(s) => summary(lang, s),
        None => tr!(lang, "sf-none"),
    };
    Ok(format!(
        "{}\n\n{}",
        tr!(
            lang,
            "sf-intro",
            org = name,
            year = year_label(year),
            now = now
        ),
        question(lang, FactsStep::Teachers, current.as_ref())
    ))
}

fn year_label(year: i32) -> String {
    format!("{year}/{}", (year + 1) % 100)
}

fn count_text(lang: Lang, n: Option<i64>) -> String {
    n.map_or_else(|| tr!(lang, "sf-not-stated"), |n| n.to_string())
}

fn regulation_text(lang: Lang, r: Regulation) -> String {
    match r {
        Regulation::Adopted(d) => tr!(
            lang,
            "sf-regulation-adopted",
            date = d.format("%d.%m.%Y").to_string()
        ),
        Regulation::NotAdopted => tr!(lang, "sf-regulation-not-adopted"),
        Regulation::Unknown => tr!(lang, "sf-not-stated"),
    }
}

/// The statement in words.
pub fn summary(lang: Lang, s: &Stated) -> String {
    tr!(
        lang,
        "sf-summary",
        year = year_label(s.school_year),
        teachers = count_text(lang, s.teachers),
        young = count_text(lang, s.young),
        heads = count_text(lang, s.new_heads),
        regulation = regulation_text(lang, s.regulation)
    )
}

/// The question of `step` with what was stated before.
fn question(lang: Lang, step: FactsStep, current: Option<&Stated>) -> String {
    let (key, was) = match step {
        FactsStep::Teachers => (
            "sf-ask-teachers",
            current.and_then(|s| s.teachers).map(|n| n.to_string()),
        ),
        FactsStep::Young => (
            "sf-ask-young",
            current.and_then(|s| s.young).map(|n| n.to_string()),
        ),
        FactsStep::NewHeads => (
            "sf-ask-heads",
            current.and_then(|s| s.new_heads).map(|n| n.to_string()),
        ),
        FactsStep::Regulation => (
            "sf-ask-regulation",
            current
                .map(|s| s.regulation)
                .filter(|r| *r != Regulation::Unknown)
                .map(|r| regulation_text(lang, r)),
        ),
    };
    let mut text = tr!(lang, key);
    if let Some(was) = was {
        text.push('\n');
        text.push_str(&tr!(lang, "sf-was", value = was));
    }
    text
}

/// The regulation as typed: a date (дд.мм.гггг) or «нет».
fn parse_regulation(s: &str) -> Option<Regulation> {
    let s = s.trim().to_lowercase();
    if ["нет", "no", "не принято", "не принят"].contains(&s.as_str()) {
        return Some(Regulation::NotAdopted);
    }
    NaiveDate::parse_from_str(&s, "%d.%m.%Y")
        .ok()
        .map(Regulation::Adopted)
}

/// An answer to the current question.
pub async fn on_text(
    bot: &Bot,
    msg: &Message,
    dialogue: &Dlg,
    ctx: &Ctx,
    actor: &Actor,
    mut draft: FactsDraft,
) -> HandlerResult {
    let lang = actor.lang;
    let chat = msg.chat.id;
    // the curator may have lost the role meanwhile
    if !actor.orgs_for(Role::Curator).contains(&draft.org) {
        dialogue.exit().await?;
        bot.send_message(chat, tr!(lang, "not-allowed")).await?;
        return Ok(());
    }
    let text = msg.text().unwrap_or("");
    let today = ctx.today(Some(draft.org)).await;
    let year = school_year(today);
    let current = school::latest(&ctx.pool, draft.org, year).await?;
    if let Some(slot) = draft.count_mut() {
        let Some(n) = parse_count(text) else {
            bot.send_message(chat, tr!(lang, "sf-err-number")).await?;
            return Ok(());
        };
        *slot = Some(n);
        let checked = Stated {
            school_year: year,
            teachers: draft.teachers,
            young: draft.young,
            new_heads: draft.new_heads,
            regulation: Regulation::Unknown,
        };
        if let Err(e) = checked.check(today) {
            bot.send_message(chat, tr!(lang, e.key())).await?;
            return Ok(());
        }
        draft.step = draft.step.next().unwrap_or(FactsStep::Regulation);
        let next = question(lang, draft.step, current.as_ref());
        dialogue.update(State::SchoolFacts(draft)).await?;
        bot.send_message(chat, next).await?;
        return Ok(());
    }
    let Some(regulation) = parse_regulation(text) else {
        bot.send_message(chat, tr!(lang, "sf-err-regulation"))
            .await?;
        return Ok(());
    };
    let stated = Stated {
        school_year: year,
        teachers: draft.teachers,
        young: draft.young,
        new_heads: draft.new_heads,
        regulation,
    };
    if let Err(e) = stated.check(today) {
        bot.send_message(chat, tr!(lang, e.key())).await?;
        return Ok(());
    }
    school::set(&ctx.pool, draft.org, &stated, ctx.now()).await?;
    dialogue.exit().await?;
    bot.send_message(
        chat,
        tr!(lang, "sf-saved", summary = summary(lang, &stated)),
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_regulation_is_a_date_or_no() {
        assert_eq!(
            parse_regulation(" 30.08.2025 "),
            NaiveDate::from_ymd_opt(2025, 8, 30).map(Regulation::Adopted)
        );
        assert_eq!(parse_regulation("Нет"), Some(Regulation::NotAdopted));
        assert_eq!(parse_regulation("вчера"), None);
        assert_eq!(year_label(2026), "2026/27");
        let s = Stated {
            school_year: 2026,
            teachers: Some(40),
            young: None,
            new_heads: Some(0),
            regulation: Regulation::NotAdopted,
        };
        let t = summary(Lang::Ru, &s);
        assert!(
            t.contains("педагогов — 40") && t.contains("не указано") && t.contains("не принято"),
            "{t}"
        );
    }
}
