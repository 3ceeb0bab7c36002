//! `/orgs` — the coordinator (or an admin) manages the district's organizations: rename,
//! change the kind or the time zone, merge a twin into the real one, remove an empty one.
//! Buttons are [`OrgsAction`]s, authorized before they get here.

use super::action::orgs::{OrgsAction, ORG_MANAGERS};
use super::actor::Actor;
use super::reply::{self, Button};
use super::ui::{self, Answered, Callback};
use super::{Ctx, Dlg, HandlerError, HandlerResult, State};
use crate::domain::orgs::{clean_name, likely_duplicate, ZONES};
use crate::domain::OrgKind;
use crate::i18n::Lang;
use crate::repo::orgs::{self, Org, OrgError, Usage};
use teloxide::prelude::*;
use teloxide::types::InlineKeyboardMarkup;

/// Organizations per page of the list.
const PAGE: usize = 8;

/// Who may manage organizations (the rule the authorization applies to the buttons).
pub fn allowed(actor: &Actor) -> bool {
    ORG_MANAGERS.iter().any(|r| actor.has(*r))
}

/// `/orgs`: the list with a button per organization.
pub async fn command(bot: &Bot, ctx: &Ctx, actor: &Actor) -> HandlerResult {
    let (text, kb) = list(ctx, actor.lang, 0).await?;
    ui::send(bot, ChatId(actor.tg), text, Some(kb)).await?;
    Ok(())
}

fn kind_name(lang: Lang, kind: &str) -> String {
    OrgKind::from_code(kind)
        .map(|k| tr!(lang, &k.key()))
        .unwrap_or_else(|| kind.to_string())
}

fn pages(total: usize) -> usize {
    total.div_ceil(PAGE).max(1)
}

/// Buttons «◀ 1/3 ▶» for a paged list; `action(page)` shows a page.
fn nav(page: usize, total: usize, action: impl Fn(usize) -> OrgsAction) -> Vec<Button> {
    let n = pages(total);
    let mut row = Vec::new();
    if page > 0 {
        row.push(Button::new("◀", action(page - 1)));
    }
    if n > 1 {
        row.push(Button::new(format!("{}/{n}", page + 1), action(page)));
    }
    if page + 1 < n {
        row.push(Button::new("▶", action(page + 1)));
    }
    row
}

async fn list(
    ctx: &Ctx,
    lang: Lang,
    page: usize,
) -> Result<(String, InlineKeyboardMarkup), HandlerError> {
    let all = orgs::list(&ctx.pool).await?;
    if all.is_empty() {
        return Ok((tr!(lang, "og-none"), reply::markup(vec![])));
    }
    let page = page.min(pages(all.len()) - 1);
    let shown = &all[page * PAGE..((page + 1) * PAGE).min(all.len())];
    let mut text = tr!(lang, "og-list-header", count = all.len() as i64);
    let mut rows = Vec::new();
    for o in shown {
        text.push_str(&format!(
            "\n• {} — {}, {}",
            o.name,
            kind_name(lang, &o.kind),
            o.tz
        ));
        rows.push(vec![Button::new(
            o.name.chars().take(60).collect::<String>(),
            OrgsAction::Open(o.id),
        )]);
    }
    text.push_str(&format!("\n\n{}", tr!(lang, "og-list-hint")));
    rows.push(nav(page, all.len(), OrgsAction::List));
    Ok((text, reply::markup(rows)))
}

fn usage_text(lang: Lang, u: &Usage) -> String {
    tr!(
        lang,
        "og-usage",
        people = u.people,
        pairs = u.pairs,
        requests = u.requests,
        invites = u.invites,
        chats = u.chats,
        practices = u.practices
    )
}

async fn card(
    ctx: &Ctx,
    lang: Lang,
    o: &Org,
    note: Option<String>,
) -> Result<(String, InlineKeyboardMarkup), HandlerError> {
    let usage = orgs::usage(&ctx.pool, o.id).await?;
    let curators = crate::repo::ops::orgs_without_curator(&ctx.pool)
        .await?
        .iter()
        .all(|(id, _)| *id != o.id);
    let local =
        o.tz.parse::<chrono_tz::Tz>()
            .map(|tz| ctx.now().with_timezone(&tz).format("%H:%M").to_string())
            .unwrap_or_default();
    let mut text = tr!(
        lang,
        "og-card",
        name = o.name.clone(),
        kind = kind_name(lang, &o.kind),
        tz = o.tz.clone(),
        local = local,
        usage = usage_text(lang, &usage),
        curator = if curators {
            tr!(lang, "word-yes")
        } else {
            tr!(lang, "word-no")
        }
    );
    if let Some(n) = note {
        text = format!("{n}\n\n{text}");
    }
    let id = o.id;
    let kb = reply::markup(vec![
        vec![Button::new(
            tr!(lang, "og-btn-rename"),
            OrgsAction::Rename(id),
        )],
        vec![
            Button::new(tr!(lang, "og-btn-kind"), OrgsAction::Kind(id)),
            Button::new(tr!(lang, "og-btn-tz"), OrgsAction::Zone(id)),
        ],
        vec![
            merge_button(lang, id),
            Button::new(tr!(lang, "og-btn-remove"), OrgsAction::Remove(id)),
        ],
        vec![Button::new(tr!(lang, "og-btn-list"), OrgsAction::List(0))],
    ]);
    Ok((text, kb))
}

/// A fresh card of organization `id`, or `None` when it is gone (merged or removed).
async fn org(ctx: &Ctx, id: i64) -> Result<Option<Org>, HandlerError> {
    Ok(orgs::get(&ctx.pool, id).await?)
}

fn back(lang: Lang, id: i64) -> Vec<Button> {
    vec![Button::new(tr!(lang, "og-btn-back"), OrgsAction::Open(id))]
}

fn merge_button(lang: Lang, id: i64) -> Button {
    Button::new(tr!(lang, "og-btn-merge"), OrgsAction::Merge(id, 0))
}

/// The organization a button acts on (every one but the list's pages has one).
fn org_of(action: OrgsAction) -> Option<i64> {
    use OrgsAction as O;
    match action {
        O::List(_) => None,
        O::Open(id)
        | O::Rename(id)
        | O::RenameAnyway(id)
        | O::Kind(id)
        | O::Zone(id)
        | O::Remove(id)
        | O::RemoveConfirm(id) => Some(id),
        O::SetKind(id, _)
        | O::SetZone(id, _)
        | O::Merge(id, _)
        | O::MergeInto(id, _)
        | O::MergeConfirm(id, _) => Some(id),
    }
}

/// A press (authorized: the coordinator or an admin).
pub async fn on_button(
    cb: &Callback<'_>,
    state: State,
    action: OrgsAction,
) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    let Some(id) = org_of(action) else {
        let OrgsAction::List(page) = action else {
            return Ok(Answered::Stale);
        };
        let (text, kb) = list(cb.ctx, lang, page).await?;
        cb.edit(text, Some(kb)).await?;
        return Ok(Answered::NotYet);
    };
    // another button than the rename's own ends a rename in progress
    if matches!(state, State::OrgRename { .. })
        && !matches!(action, OrgsAction::Rename(_) | OrgsAction::RenameAnyway(_))
    {
        cb.dialogue.exit().await?;
    }
    let Some(o) = org(cb.ctx, id).await? else {
        // merged or removed meanwhile: show the list as it is now
        let (text, kb) = list(cb.ctx, lang, 0).await?;
        cb.edit(text, Some(kb)).await?;
        return cb
            .answer(Some(tr!(lang, "og-gone")))
            .await
            .map_err(Into::into);
    };
    match action {
        OrgsAction::List(_) => return Ok(Answered::Stale),
        OrgsAction::Open(_) => {
            let (text, kb) = card(cb.ctx, lang, &o, None).await?;
            cb.edit(text, Some(kb)).await?;
        }
        OrgsAction::Rename(_) => {
            ui::send(
                cb.bot,
                cb.chat(),
                tr!(lang, "og-ask-name", name = o.name.clone()),
                None,
            )
            .await?;
            cb.dialogue
                .update(State::OrgRename {
                    org: id,
                    name: None,
                })
                .await?;
        }
        OrgsAction::RenameAnyway(_) => {
            // «rename anyway» after the warning about a likely twin
            let State::OrgRename {
                org: wanted,
                name: Some(name),
            } = state
            else {
                return Ok(Answered::Stale);
            };
            if wanted != id {
                return Ok(Answered::Stale);
            }
            orgs::rename(&cb.ctx.pool, id, &name).await?;
            cb.dialogue.exit().await?;
            let old = o.name.clone();
            let o = org(cb.ctx, id).await?.ok_or("organization gone")?;
            let (text, kb) = card(
                cb.ctx,
                lang,
                &o,
                Some(tr!(lang, "og-renamed", old = old, new = name.clone())),
            )
            .await?;
            cb.edit(text, Some(kb)).await?;
        }
        OrgsAction::Kind(_) => {
            let mut rows: Vec<_> = OrgKind::ALL
                .iter()
                .map(|k| {
                    vec![Button::new(
                        tr!(lang, &k.key()),
                        OrgsAction::SetKind(id, *k),
                    )]
                })
                .collect();
            rows.push(back(lang, id));
            cb.edit(
                tr!(lang, "og-ask-kind", name = o.name.clone()),
                Some(reply::markup(rows)),
            )
            .await?;
        }
        OrgsAction::SetKind(_, kind) => {
            orgs::set_kind(&cb.ctx.pool, id, kind).await?;
            let o = org(cb.ctx, id).await?.ok_or("organization gone")?;
            let (text, kb) = card(
                cb.ctx,
                lang,
                &o,
                Some(tr!(lang, "og-kind-set", kind = tr!(lang, &kind.key()))),
            )
            .await?;
            cb.edit(text, Some(kb)).await?;
        }
        OrgsAction::Zone(_) => {
            let mut rows: Vec<_> = ZONES
                .chunks(2)
                .enumerate()
                .map(|(row, pair)| {
                    pair.iter()
                        .enumerate()
                        .map(|(i, z)| Button::new(*z, OrgsAction::SetZone(id, row * 2 + i)))
                        .collect()
                })
                .collect();
            rows.push(back(lang, id));
            cb.edit(
                tr!(lang, "og-ask-tz", name = o.name.clone(), tz = o.tz.clone()),
                Some(reply::markup(rows)),
            )
            .await?;
        }
        OrgsAction::SetZone(_, zone) => {
            let Some(tz) = ZONES.get(zone) else {
                return Ok(Answered::Stale);
            };
            orgs::set_tz(&cb.ctx.pool, id, tz).await?;
            // «today» of the organization is cached for a minute: forget it now
            cb.ctx
                .zones
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(&id);
            let o = org(cb.ctx, id).await?.ok_or("organization gone")?;
            let (text, kb) = card(
                cb.ctx,
                lang,
                &o,
                Some(tr!(lang, "og-tz-set", tz = tz.to_string())),
            )
            .await?;
            cb.edit(text, Some(kb)).await?;
        }
        OrgsAction::Merge(_, page) => {
            let others: Vec<Org> = orgs::list(&cb.ctx.pool)
                .await?
                .into_iter()
                .filter(|x| x.id != id)
                .collect();
            if others.is_empty() {
                return cb
                    .answer(Some(tr!(lang, "og-merge-nothing")))
                    .await
                    .map_err(Into::into);
            }
            let page = page.min(pages(others.len()) - 1);
            let mut rows: Vec<_> = others[page * PAGE..((page + 1) * PAGE).min(others.len())]
                .iter()
                .map(|x| {
                    vec![Button::new(
                        x.name.chars().take(60).collect::<String>(),
                        OrgsAction::MergeInto(id, x.id),
                    )]
                })
                .collect();
            rows.push(nav(page, others.len(), |p| OrgsAction::Merge(id, p)));
            rows.push(back(lang, id));
            cb.edit(
                tr!(lang, "og-ask-merge", name = o.name.clone()),
                Some(reply::markup(rows)),
            )
            .await?;
        }
        OrgsAction::MergeInto(_, into) => {
            if into == id {
                return Ok(Answered::Stale);
            }
            let Some(target) = org(cb.ctx, into).await? else {
                return cb
                    .answer(Some(tr!(lang, "og-gone")))
                    .await
                    .map_err(Into::into);
            };
            let usage = orgs::usage(&cb.ctx.pool, id).await?;
            let kb = reply::markup(vec![
                vec![Button::new(
                    tr!(lang, "og-btn-merge-confirm"),
                    OrgsAction::MergeConfirm(id, into),
                )],
                back(lang, id),
            ]);
            cb.edit(
                tr!(
                    lang,
                    "og-merge-confirm",
                    from = o.name.clone(),
                    into = target.name.clone(),
                    usage = usage_text(lang, &usage)
                ),
                Some(kb),
            )
            .await?;
        }
        OrgsAction::MergeConfirm(_, into) => match orgs::merge(&cb.ctx.pool, id, into).await {
            Ok(moved) => {
                let target = org(cb.ctx, into).await?.ok_or("organization gone")?;
                cb.ctx
                    .zones
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .remove(&id);
                tracing::info!(from = id, into, by = cb.actor.tg, "organizations merged");
                let note = tr!(
                    lang,
                    "og-merged",
                    from = o.name.clone(),
                    into = target.name.clone(),
                    usage = usage_text(lang, &moved)
                );
                let (text, kb) = card(cb.ctx, lang, &target, Some(note)).await?;
                cb.edit(text, Some(kb)).await?;
            }
            Err(OrgError::NotFound(_) | OrgError::SameOrg) => {
                return cb
                    .answer(Some(tr!(lang, "og-gone")))
                    .await
                    .map_err(Into::into)
            }
            Err(e) => return Err(e.into()),
        },
        OrgsAction::Remove(_) => {
            let usage = orgs::usage(&cb.ctx.pool, id).await?;
            if usage.is_empty() {
                let kb = reply::markup(vec![
                    vec![Button::new(
                        tr!(lang, "og-btn-remove-confirm"),
                        OrgsAction::RemoveConfirm(id),
                    )],
                    back(lang, id),
                ]);
                cb.edit(
                    tr!(lang, "og-remove-confirm", name = o.name.clone()),
                    Some(kb),
                )
                .await?;
            } else {
                let kb = reply::markup(vec![vec![merge_button(lang, id)], back(lang, id)]);
                cb.edit(
                    tr!(
                        lang,
                        "og-remove-in-use",
                        name = o.name.clone(),
                        usage = usage_text(lang, &usage)
                    ),
                    Some(kb),
                )
                .await?;
            }
        }
        OrgsAction::RemoveConfirm(_) => match orgs::remove(&cb.ctx.pool, id).await {
            Ok(()) => {
                tracing::info!(org = id, by = cb.actor.tg, "organization removed");
                let (list_text, kb) = list(cb.ctx, lang, 0).await?;
                cb.edit(
                    format!(
                        "{}\n\n{list_text}",
                        tr!(lang, "og-removed", name = o.name.clone())
                    ),
                    Some(kb),
                )
                .await?;
            }
            Err(OrgError::InUse(usage)) => {
                let kb = reply::markup(vec![vec![merge_button(lang, id)], back(lang, id)]);
                cb.edit(
                    tr!(
                        lang,
                        "og-remove-in-use",
                        name = o.name.clone(),
                        usage = usage_text(lang, &usage)
                    ),
                    Some(kb),
                )
                .await?;
            }
            Err(OrgError::NotFound(_)) => {
                return cb
                    .answer(Some(tr!(lang, "og-gone")))
                    .await
                    .map_err(Into::into)
            }
            Err(e) => return Err(e.into()),
        },
    }
    Ok(Answered::NotYet)
}

/// The new name typed after «Переименовать». A likely twin of another organization asks
/// for confirmation first; a bad name gets a hint and changes nothing.
pub async fn on_rename_text(
    bot: &Bot,
    msg: &Message,
    dialogue: &Dlg,
    ctx: &Ctx,
    actor: &Actor,
    id: i64,
) -> HandlerResult {
    let lang = actor.lang;
    let chat = msg.chat.id;
    if !allowed(actor) {
        dialogue.exit().await?;
        bot.send_message(chat, tr!(lang, "not-allowed")).await?;
        return Ok(());
    }
    let Some(old) = org(ctx, id).await? else {
        dialogue.exit().await?;
        bot.send_message(chat, tr!(lang, "og-gone")).await?;
        return Ok(());
    };
    let Some(name) = msg.text().and_then(clean_name) else {
        bot.send_message(chat, tr!(lang, "og-bad-name")).await?;
        return Ok(());
    };
    if let Some((_, twin)) = likely_duplicate(&orgs::names(&ctx.pool).await?, name, Some(id)) {
        let kb = reply::markup(vec![
            vec![Button::new(
                tr!(lang, "og-btn-rename-anyway"),
                OrgsAction::RenameAnyway(id),
            )],
            vec![
                merge_button(lang, id),
                Button::new(tr!(lang, "og-btn-back"), OrgsAction::Open(id)),
            ],
        ]);
        dialogue
            .update(State::OrgRename {
                org: id,
                name: Some(name.to_string()),
            })
            .await?;
        ui::send(
            bot,
            chat,
            tr!(
                lang,
                "og-duplicate",
                name = name.to_string(),
                twin = twin.clone()
            ),
            Some(kb),
        )
        .await?;
        return Ok(());
    }
    orgs::rename(&ctx.pool, id, name).await?;
    dialogue.exit().await?;
    let o = org(ctx, id).await?.ok_or("organization gone")?;
    let (text, kb) = card(
        ctx,
        lang,
        &o,
        Some(tr!(
            lang,
            "og-renamed",
            old = old.name.clone(),
            new = name.to_string()
        )),
    )
    .await?;
    ui::send(bot, chat, text, Some(kb)).await?;
    Ok(())
}

/// The operating numbers for an admin's `/digest` (the same as `nastavnik stats`).
pub async fn stats_text(ctx: &Ctx, lang: Lang) -> Result<String, HandlerError> {
    use crate::repo::ops;
    let now = ctx.now();
    let s = ops::stats(&ctx.pool, crate::ops::district_midnight(&ctx.config, now)).await?;
    let size = crate::ops::database_size(&ctx.config, &s).await;
    let backlog = tr!(
        lang,
        "stats-backlog",
        outbox = s.backlog.outbox,
        reminders = s.backlog.reminders
    );
    let tz = ctx.config.district.tz;
    let last = match s.last_pass {
        Some(t) => t.with_timezone(&tz).format("%d.%m.%Y %H:%M").to_string(),
        None => tr!(lang, "stats-never"),
    };
    let district = ctx
        .config
        .district
        .name
        .clone()
        .unwrap_or_else(|| tr!(lang, "report-district"));
    Ok(tr!(
        lang,
        "stats-text",
        district = district,
        people = s.people,
        mentors = s.mentors,
        mentees = s.mentees,
        curators = s.curators,
        orgs = s.organizations,
        active = s.pairs_active,
        pairs = s.pairs_total,
        sent = s.sent_today,
        backlog = backlog,
        last = last,
        size = crate::ops::human_bytes(size)
    ))
}
