//! `/documents`: the school's documents as files — which document, then for which pair,
//! organization or period ([`DocumentsAction`]). Every press is authorized before it gets
//! here: a pair of another school, or another school's bank, is refused like any other
//! foreign action.

use super::action::documents::{kind_roles, DocumentsAction};
use super::actor::Actor;
use super::audience::fixes_orders;
use super::format::date;
use super::pairs::{side, staff_orgs, Side};
use super::reply::{Button, Reply};
use super::ui::{self, Answered, Callback};
use super::{Ctx, HandlerError, HandlerResult};
use crate::documents::load::{self, Context};
use crate::documents::{period, DocError, Kind, Subject, PERIODS};
use crate::domain::Role;
use crate::i18n::Lang;
use crate::repo::orgs;
use crate::repo::pairs::{self, Pair};
use teloxide::prelude::*;
use teloxide::types::InputFile;

/// At most this many pairs are offered as buttons (the newest).
const MAX_PAIR_BUTTONS: usize = 30;

/// The kinds of documents the actor may ask for (the rule the authorization applies to a
/// press: [`kind_roles`]).
fn kinds_for(actor: &Actor) -> Vec<Kind> {
    Kind::ALL
        .into_iter()
        .filter(|k| kind_roles(*k).is_none_or(|roles| roles.iter().any(|r| actor.has(*r))))
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
        Some(o) => {
            staff_orgs(actor).contains(&o)
                && (kind != Kind::OrderDraft || fixes_orders(actor, Some(o)))
        }
        None => actor.has(Role::Coordinator) && kind != Kind::OrderDraft,
    }
}

pub async fn command(bot: &Bot, actor: &Actor) -> HandlerResult {
    let lang = actor.lang;
    let rows = kinds_for(actor)
        .into_iter()
        .map(|k| vec![Button::new(tr!(lang, &k.key()), DocumentsAction::Kind(k))])
        .collect();
    ui::send_reply(
        bot,
        ChatId(actor.tg),
        Reply::new(tr!(lang, "doc-choose-kind")).rows(rows),
    )
    .await?;
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
async fn org_choices(
    ctx: &Ctx,
    actor: &Actor,
    kind: Kind,
) -> Result<Vec<(Option<i64>, String)>, HandlerError> {
    let mut out = Vec::new();
    for org in staff_orgs(actor) {
        if may_org(actor, Some(org), kind) {
            out.push((
                Some(org),
                orgs::get(&ctx.pool, org)
                    .await?
                    .map(|o| o.name)
                    .unwrap_or_default(),
            ));
        }
    }
    if may_org(actor, None, kind) {
        out.push((None, tr!(actor.lang, "report-district")));
    }
    Ok(out)
}

/// «Which period?» for the analytical note of `org` (`None`: the district).
fn periods(lang: Lang, org: Option<i64>) -> Reply {
    let rows = PERIODS
        .iter()
        .map(|p| {
            vec![Button::new(
                tr!(lang, &format!("doc-period-{p}")),
                DocumentsAction::Spravka(org, p),
            )]
        })
        .collect();
    Reply::new(tr!(lang, "doc-choose-period")).rows(rows)
}

/// A press (authorized by [`DocumentsAction`]'s need: the kind's roles, the pair's parties, the
/// organization's staff or the district's coordinator).
pub async fn on_button(
    cb: &Callback<'_>,
    action: DocumentsAction,
) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    let Some(me) = cb.actor.registered_user() else {
        return Ok(Answered::Stale);
    };
    match action {
        DocumentsAction::Kind(kind) => {
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
                                .map(|p| {
                                    vec![Button::new(
                                        format!(
                                            "№{} · {} → {}",
                                            p.id,
                                            p.mentor_name,
                                            p.mentee_names_joined()
                                        ),
                                        DocumentsAction::Pair(kind, p.id),
                                    )]
                                })
                                .collect();
                            cb.show(Reply::new(tr!(lang, "doc-choose-pair")).rows(rows))
                                .await?;
                        }
                    }
                }
                Kind::OrderDraft | Kind::Mentors | Kind::Mentees | Kind::Spravka => {
                    let choices = org_choices(cb.ctx, cb.actor, kind).await?;
                    match choices.as_slice() {
                        [] => return Ok(Answered::Stale),
                        [(org, _)] if kind == Kind::Spravka => cb.show(periods(lang, *org)).await?,
                        [(org, _)] => return send(cb, kind, org_subject(*org)).await,
                        _ => {
                            let rows = choices
                                .iter()
                                .map(|(o, name)| {
                                    vec![Button::new(name.clone(), DocumentsAction::Org(kind, *o))]
                                })
                                .collect();
                            cb.show(Reply::new(tr!(lang, "doc-choose-org")).rows(rows))
                                .await?;
                        }
                    }
                }
                Kind::Consent => return send(cb, kind, Subject::Person(me.id)).await,
            }
            Ok(cb.answer(None).await?)
        }
        // the pair's parties for the kind (a mentee: the programme only)
        DocumentsAction::Pair(kind, id) => send(cb, kind, Subject::Pair(id)).await,
        // the organization's staff, or the district's coordinator
        DocumentsAction::Org(kind, org) => {
            if kind == Kind::Spravka {
                cb.show(periods(lang, org)).await?;
                return Ok(cb.answer(None).await?);
            }
            send(cb, kind, org_subject(org)).await
        }
        DocumentsAction::Spravka(org, code) => {
            let today = cb.ctx.today(org).await;
            let Some(p) = period(code, today) else {
                return Ok(Answered::Stale);
            };
            let subject = match org {
                Some(o) => Subject::Org(o, Some(p)),
                None => Subject::District(Some(p)),
            };
            send(cb, Kind::Spravka, subject).await
        }
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
    cb.edit(tr!(lang, "doc-making", kind = tr!(lang, &kind.key())), None)
        .await?;
    let c = Context {
        lang,
        now: cb.ctx.now(),
        default_tz: cb.ctx.config.default_tz,
    };
    match load::make(&cb.ctx.pool, kind, subject, c).await {
        Ok(doc) => {
            cb.bot
                .send_document(
                    cb.chat(),
                    InputFile::memory(doc.bytes).file_name(doc.file_name),
                )
                .caption(tr!(lang, &kind.key()))
                .await?;
        }
        Err(DocError::Empty) => {
            let (from, to) = match subject {
                Subject::Org(_, Some(p)) | Subject::District(Some(p)) => (date(p.0), date(p.1)),
                _ => (String::new(), String::new()),
            };
            ui::send(
                cb.bot,
                cb.chat(),
                tr!(
                    lang,
                    &format!("doc-empty-{}", kind.code()),
                    from = from,
                    to = to
                ),
                None,
            )
            .await?;
        }
        Err(e @ (DocError::NotFound | DocError::Mismatch)) => {
            ui::send(cb.bot, cb.chat(), tr!(lang, e.key()), None).await?;
        }
        Err(e) => return Err(e.into()),
    }
    Ok(Answered::Done)
}
