//! The everyday of a pair: waits shown in human units, the mentor's open `/sos` questions, and
//! a plain text from a mentor offered as the answer to their one open question.
//! Callback data (under the `/sos` prefix `so`): `so:pt:<id>` sends the draft, `so:px:<id>` drops it.

use super::action::journal::SosAction;
use super::actor::Actor;
use super::reply::{markup, Button};
use super::state::State;
use super::ui::{self, Answered, Callback};
use super::{Ctx, Dlg, HandlerError};
use crate::i18n::Lang;
use crate::repo::journal;
use teloxide::prelude::*;

/// One step of a pair's history in words: «действует → прекращена: по обоюдному согласию — …».
pub fn history_step(lang: Lang, from: Option<&str>, to: &str, note: Option<&str>) -> String {
    use crate::domain::everyday::{history_note, HistoryNote};
    let status = |code: &str| match crate::domain::pair::PairStatus::from_code(code) {
        Some(s) => tr!(lang, &format!("hist-status-{}", s.code())),
        None => code.to_string(),
    };
    let mut line = match from {
        Some(f) if f != to => format!("{} → {}", status(f), status(to)),
        Some(_) => status(to),
        None => tr!(lang, "hist-created", status = status(to)),
    };
    let what = note.map(|n| match history_note(n) {
        HistoryNote::End {
            reason,
            text: Some(t),
        } => format!("{} — «{t}»", tr!(lang, &reason.key())),
        HistoryNote::End { reason, text: None } => tr!(lang, &reason.key()),
        HistoryNote::Left { reason } => {
            tr!(lang, "hist-mentee-left", reason = tr!(lang, &reason.key()))
        }
        HistoryNote::Order { number, date } => {
            tr!(lang, "hist-order", number = number, date = iso_to_ru(&date))
        }
        HistoryNote::Extended { from, to } => tr!(
            lang,
            "hist-extended",
            from = iso_to_ru(&from),
            to = iso_to_ru(&to)
        ),
        HistoryNote::Length { from, to } => tr!(
            lang,
            "hist-length",
            from = iso_to_ru(&from),
            to = iso_to_ru(&to)
        ),
        HistoryNote::Request(id) => tr!(lang, "hist-request", id = id),
        HistoryNote::Joined(id) => tr!(lang, "hist-joined", id = id),
        HistoryNote::Other(t) => t,
    });
    if let Some(w) = what.filter(|w| !w.is_empty()) {
        line.push_str(": ");
        line.push_str(&w);
    }
    line
}

/// `2026-09-01` → `01.09.2026` (other text as is).
fn iso_to_ru(d: &str) -> String {
    chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
        .map(|d| d.format("%d.%m.%Y").to_string())
        .unwrap_or_else(|_| d.to_string())
}

/// The mentor's unanswered questions in pair `pair_id`, as lines for the `/pair` card
/// (`None` when there are none).
pub async fn open_questions(
    ctx: &Ctx,
    lang: Lang,
    mentor_id: i64,
    pair_id: i64,
) -> Result<Option<String>, HandlerError> {
    let mut open = journal::open_sos_for_mentor(&ctx.pool, mentor_id).await?;
    open.retain(|(s, _)| s.pair_id == pair_id);
    if open.is_empty() {
        return Ok(None);
    }
    let now = ctx.now();
    let mut text = tr!(lang, "sos-open-header");
    for (s, mentee) in open {
        text.push('\n');
        let waited = (now - s.asked_at).num_minutes();
        text.push_str(&tr!(
            lang,
            "sos-open-line",
            mentee = mentee,
            wait = super::format::wait_text(lang, waited),
            question = short(&s.question)
        ));
    }
    Ok(Some(text))
}

/// A question cut to a line's length for lists.
fn short(q: &str) -> String {
    const MAX: usize = 200;
    if q.chars().count() <= MAX {
        q.to_string()
    } else {
        format!("{}…", q.chars().take(MAX).collect::<String>())
    }
}

/// A plain text from a mentor with exactly one open question: offered as its answer (one tap).
/// Returns false when it is not such a text (the caller goes on as before).
pub async fn offer_as_answer(
    bot: &Bot,
    msg: &Message,
    dialogue: &Dlg,
    ctx: &Ctx,
    actor: &Actor,
) -> Result<bool, HandlerError> {
    let (Some(me), Some(text)) = (actor.registered_user(), msg.text()) else {
        return Ok(false);
    };
    let text = text.trim();
    if text.is_empty()
        || text.chars().count() > crate::domain::journal::MAX_SOS_CHARS
        || !actor.is_mentor_of(me.id)
    {
        return Ok(false);
    }
    // a survey waiting for a typed answer comes first: the text is probably that answer
    if awaits_survey_text(ctx, me.id).await? {
        return Ok(false);
    }
    let open = journal::open_sos_for_mentor(&ctx.pool, me.id).await?;
    let [(s, mentee)] = open.as_slice() else {
        return Ok(false);
    };
    let lang = actor.lang;
    let kb = markup(vec![vec![
        Button::new(tr!(lang, "btn-sos-offer-yes"), SosAction::OfferSend(s.id)),
        Button::new(tr!(lang, "btn-sos-offer-no"), SosAction::OfferDrop(s.id)),
    ]]);
    let sent = ui::send(
        bot,
        msg.chat.id,
        tr!(
            lang,
            "sos-offer",
            mentee = mentee.clone(),
            question = short(&s.question)
        ),
        Some(kb),
    )
    .await?;
    dialogue
        .update(State::SosDraft {
            id: s.id,
            text: text.to_string(),
            kb: sent.id.0,
        })
        .await?;
    Ok(true)
}

/// Whether one of the person's started surveys is at a question answered in words.
async fn awaits_survey_text(ctx: &Ctx, user_id: i64) -> Result<bool, HandlerError> {
    use crate::repo::surveys;
    for response in surveys::unfinished(&ctx.pool, user_id).await? {
        let Some(survey) = surveys::get(&ctx.pool, &response.survey).await? else {
            continue;
        };
        let answered = surveys::answered(&ctx.pool, response.id).await?;
        if survey
            .next_question(&answered)
            .is_some_and(|(_, q)| q.kind == crate::domain::survey::QuestionKind::Text)
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `so:pt:<id>` / `so:px:<id>`: the offer above, tapped. Only the offer's own message counts.
/// The answer to «send this as the answer?», already authorized for the question's mentor.
pub async fn on_offer_action(
    cb: &Callback<'_>,
    state: State,
    id: i64,
    send: bool,
) -> Result<Answered, HandlerError> {
    let State::SosDraft {
        id: draft,
        text,
        kb,
    } = state
    else {
        return Ok(Answered::Stale);
    };
    if draft != id || kb != cb.message_id {
        return Ok(Answered::Stale);
    }
    cb.dialogue.exit().await?;
    cb.clear_keyboard().await?;
    if send {
        super::journal::answer(cb.bot, cb.ctx, cb.actor, id, &text).await?;
        Ok(cb.answer(None).await?)
    } else {
        Ok(cb.answer(Some(tr!(cb.lang(), "sos-offer-dropped"))).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_reads_in_words() {
        assert_eq!(
            history_step(Lang::Ru, Some("active"), "terminated", Some("mutual: ")),
            "действует → прекращена: по обоюдному согласию"
        );
        assert_eq!(
            history_step(Lang::Ru, Some("active"), "completed", Some("completed: ")),
            "действует → завершена: план выполнен полностью"
        );
        assert_eq!(
            history_step(
                Lang::Ru,
                Some("active"),
                "terminated",
                Some("mentee: Переезд")
            ),
            "действует → прекращена: по инициативе наставляемого — «Переезд»"
        );
        assert_eq!(
            history_step(
                Lang::Ru,
                Some("active"),
                "active",
                Some("extended 2027-05-31 → 2027-08-31")
            ),
            "действует: срок продлён с 31.05.2027 до 31.08.2027"
        );
        assert_eq!(
            history_step(Lang::Ru, None, "active", Some("request 4")),
            "пара создана (действует): по запросу №4"
        );
    }
}
