//! `/documents`: the school's documents as files — which document, then for which pair,
//! organization or period. Callback prefix `dc`. Every press is checked again: a pair of
//! another school, or another school's bank, is refused like any other foreign action.

use super::actor::Actor;
use super::pairs::{side, staff_orgs, Side};
use super::requests::{date, fixes_orders};
use super::ui::{self, button, keyboard, Answered, Callback};
use super::{Ctx, HandlerError, HandlerResult};
use crate::documents::load::{self, Context};
use crate::documents::{period, DocError, Kind, Subject, PERIODS};
use crate::domain::Role;
use crate::i18n::Lang;
use crate::repo::pairs::{self, Pair};
use crate::repo::orgs;
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InputFile};

/// At most this many pairs are offered as buttons (the newest).
const MAX_PAIR_BUTTONS: usize = 30;


/// The kinds of documents the actor may ask for.
fn kinds_for(actor: &Actor) -> Vec<Kind> {
    let staff = !staff_orgs(actor).is_empty();
    let coordinator = actor.has(Role::Coordinator);
    let mentor = actor.has(Role::Mentor);
    let mentee = actor.has(Role::Mentee);
    Kind::ALL
        .into_iter()
        .filter(|k| match k {
            Kind::Programme => staff || mentor || mentee,
            Kind::OrderDraft => staff,
            Kind::Adaptation | Kind::Final => staff || mentor,
            Kind::Spravka | Kind::Mentors | Kind::Mentees => staff || coordinator,
            Kind::Consent => true,
        })
        .collect()
}

/// May the actor have this pair's document of this kind? Mentees see their programme only.
fn may_pair(actor: &Actor, pair: &Pair, kind: Kind) -> bool {
    match side(actor, pair) {
        Some(Side::Mentor) | Some(Side::Curator) | Some(Side::Head) => true,
        Some(Side::Mentee) => kind == Kind::Programme,
        None => false,
    }
}

/// May the actor have the organization's document (`None`: the district's)?
fn may_org(actor: &Actor, org: Option<i64>, kind: Kind) -> bool {
    match org {
        Some(o) => staff_orgs(actor).contains(&o) && (kind != Kind::OrderDraft || fixes_orders(actor, Some(o))),
        None => actor.has(Role::Coordinator) && kind != Kind::OrderDraft,
    }
}

pub async fn command(bot: &Bot, actor: &Actor) -> HandlerResult {
    let lang = actor.lang;
    let rows = kinds_for(actor).into_iter().map(|k| vec![button(tr!(lang, &k.key()), format!("dc:k:{}", k.code()))]).collect();
    ui::send(bot, ChatId(actor.tg), tr!(lang, "doc-choose-kind"), Some(keyboard(rows))).await?;
    Ok(())
}

/// The pairs the actor may have documents of, newest first.
async fn visible_pairs(ctx: &Ctx, actor: &Actor, kind: Kind) -> Result<Vec<Pair>, HandlerError> {
    let me = actor.registered_user().ok_or("not registered")?;
    let mut list = pairs::all_for(&ctx.pool, me.id).await?;
    for org in staff_orgs(actor) {
        list.extend(pairs::of_org(&ctx.pool, org, false).await?);
    }
    list.sort_by_key(|p| std::cmp::Reverse(p.id));
    list.dedup_by_key(|p| p.id);
    list.retain(|p| may_pair(actor, p, kind));
    Ok(list)
}

/// The organizations to choose from: the actor's schools, and the district for a coordinator.
async fn org_choices(ctx: &Ctx, actor: &Actor, kind: Kind) -> Result<Vec<(Option<i64>, String)>, HandlerError> {
    let mut out = Vec::new();
    for org in staff_orgs(actor) {
        if may_org(actor, Some(org), kind) {
            out.push((Some(org), orgs::get(&ctx.pool, org).await?.map(|o| o.name).unwrap_or_default()));
        }
    }
    if may_org(actor, None, kind) {
        out.push((None, tr!(actor.lang, "report-district")));
    }
    Ok(out)
}

fn org_code(org: Option<i64>) -> i64 {
    org.unwrap_or(0)
}

fn period_keyboard(lang: Lang, org: Option<i64>) -> Vec<Vec<InlineKeyboardButton>> {
    PERIODS.iter().map(|p| vec![button(tr!(lang, &format!("doc-period-{p}")), format!("dc:s:{}:{p}", org_code(org)))]).collect()
}

pub async fn on_button(cb: &Callback<'_>, rest: &str) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    let parts: Vec<&str> = rest.split(':').collect();
    let Some(me) = cb.actor.registered_user() else { return Ok(Answered::Stale) };
    let kind_at = |i: usize| parts.get(i).and_then(|c| Kind::from_code(c)).filter(|k| kinds_for(cb.actor).contains(k));
    let num = |i: usize| parts.get(i).and_then(|s| s.parse::<i64>().ok());
    match parts.first().copied().unwrap_or("") {
        "k" => {
            let Some(kind) = kind_at(1) else { return Ok(Answered::Stale) };
            match kind {
                Kind::Programme | Kind::Adaptation | Kind::Final => {
                    let list = visible_pairs(cb.ctx, cb.actor, kind).await?;
                    match list.len() {
                        0 => cb.edit(tr!(lang, "doc-no-pairs"), None).await?,
                        1 => return send(cb, kind, Subject::Pair(list[0].id)).await,
                        _ => {
                            let rows = list
                                .iter()
                                .take(MAX_PAIR_BUTTONS)
                                .map(|p| vec![button(format!("№{} · {} → {}", p.id, p.mentor_name, p.mentee_names_joined()), format!("dc:p:{}:{}", kind.code(), p.id))])
                                .collect();
                            cb.edit(tr!(lang, "doc-choose-pair"), Some(keyboard(rows))).await?;
                        }
                    }
                }
                Kind::OrderDraft | Kind::Mentors | Kind::Mentees | Kind::Spravka => {
                    let choices = org_choices(cb.ctx, cb.actor, kind).await?;
                    match choices.as_slice() {
                        [] => return Ok(Answered::Stale),
                        [(org, _)] if kind == Kind::Spravka => cb.edit(tr!(lang, "doc-choose-period"), Some(keyboard(period_keyboard(lang, *org)))).await?,
                        [(org, _)] => return send(cb, kind, org_subject(*org)).await,
                        _ => {
                            let rows = choices.iter().map(|(o, name)| vec![button(name.clone(), format!("dc:o:{}:{}", kind.code(), org_code(*o)))]).collect();
                            cb.edit(tr!(lang, "doc-choose-org"), Some(keyboard(rows))).await?;
                        }
                    }
                }
                Kind::Consent => return send(cb, kind, Subject::Person(me.id)).await,
            }
            Ok(cb.answer(None).await?)
        }
        "p" => {
            let Some(kind) = kind_at(1) else { return Ok(Answered::Stale) };
            let Some(pair) = pairs::get(&cb.ctx.pool, num(2).unwrap_or(0)).await? else { return Ok(Answered::Stale) };
            if !matches!(kind, Kind::Programme | Kind::Adaptation | Kind::Final) || !may_pair(cb.actor, &pair, kind) {
                return Ok(Answered::Stale);
            }
            send(cb, kind, Subject::Pair(pair.id)).await
        }
        "o" => {
            let Some(kind) = kind_at(1) else { return Ok(Answered::Stale) };
            let org = num(2).filter(|o| *o != 0);
            if !may_org(cb.actor, org, kind) || kind == Kind::Programme || kind == Kind::Consent {
                return Ok(Answered::Stale);
            }
            if kind == Kind::Spravka {
                cb.edit(tr!(lang, "doc-choose-period"), Some(keyboard(period_keyboard(lang, org)))).await?;
                return Ok(cb.answer(None).await?);
            }
            send(cb, kind, org_subject(org)).await
        }
        "s" => {
            let org = num(1).filter(|o| *o != 0);
            if !kinds_for(cb.actor).contains(&Kind::Spravka) || !may_org(cb.actor, org, Kind::Spravka) {
                return Ok(Answered::Stale);
            }
            let today = cb.ctx.today(org).await;
            let Some(p) = parts.get(2).and_then(|code| period(code, today)) else { return Ok(Answered::Stale) };
            let subject = match org {
                Some(o) => Subject::Org(o, Some(p)),
                None => Subject::District(Some(p)),
            };
            send(cb, Kind::Spravka, subject).await
        }
        _ => Ok(Answered::Stale),
    }
}

fn org_subject(org: Option<i64>) -> Subject {
    match org {
        Some(o) => Subject::Org(o, None),
        None => Subject::District(None),
    }
}

/// Makes the document and sends it as a file, or says why there is nothing to send.
async fn send(cb: &Callback<'_>, kind: Kind, subject: Subject) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    cb.answer(None).await?;
    cb.edit(tr!(lang, "doc-making", kind = tr!(lang, &kind.key())), None).await?;
    let c = Context { lang, now: cb.ctx.now(), default_tz: cb.ctx.config.default_tz };
    match load::make(&cb.ctx.pool, kind, subject, c).await {
        Ok(doc) => {
            cb.bot.send_document(cb.chat(), InputFile::memory(doc.bytes).file_name(doc.file_name)).caption(tr!(lang, &kind.key())).await?;
        }
        Err(DocError::Empty) => {
            let (from, to) = match subject {
                Subject::Org(_, Some(p)) | Subject::District(Some(p)) => (date(p.0), date(p.1)),
                _ => (String::new(), String::new()),
            };
            ui::send(cb.bot, cb.chat(), tr!(lang, &format!("doc-empty-{}", kind.code()), from = from, to = to), None).await?;
        }
        Err(e @ (DocError::NotFound | DocError::Mismatch)) => {
            ui::send(cb.bot, cb.chat(), tr!(lang, e.key()), None).await?;
        }
        Err(e) => return Err(e.into()),
    }
    Ok(Answered::Done)
}
