//! `/orgs` — the coordinator (or an admin) manages the district's organizations: rename,
//! change the kind or the time zone, merge a twin into the real one, remove an empty one.
//! Every button checks the role again; callback data: `og:<action>:<ids>`.

use super::actor::Actor;
use super::ui::{self, button, keyboard, Answered, Callback};
use super::{Ctx, Dlg, HandlerError, HandlerResult, State};
use crate::domain::orgs::{clean_name, likely_duplicate, ZONES};
use crate::domain::{OrgKind, Role};
use crate::i18n::Lang;
use crate::repo::orgs::{self, Org, OrgError, Usage};
use teloxide::prelude::*;
use teloxide::types::InlineKeyboardMarkup;

/// Organizations per page of the list.
const PAGE: usize = 8;

/// Who may manage organizations.
pub fn allowed(actor: &Actor) -> bool {
    actor.has(Role::Coordinator) || actor.has(Role::Admin)
}

/// `/orgs`: the list with a button per organization.
pub async fn command(bot: &Bot, ctx: &Ctx, actor: &Actor) -> HandlerResult {
    let (text, kb) = list(ctx, actor.lang, 0).await?;
    ui::send(bot, ChatId(actor.tg), text, Some(kb)).await?;
    Ok(())
}

fn kind_name(lang: Lang, kind: &str) -> String {
    OrgKind::from_code(kind).map(|k| tr!(lang, &k.key())).unwrap_or_else(|| kind.to_string())
}

fn pages(total: usize) -> usize {
    total.div_ceil(PAGE).max(1)
}

/// Buttons «◀ 1/3 ▶» for a paged list; `data(page)` is the callback of a page.
fn nav(page: usize, total: usize, data: impl Fn(usize) -> String) -> Vec<teloxide::types::InlineKeyboardButton> {
    let n = pages(total);
    let mut row = Vec::new();
    if page > 0 {
        row.push(button("◀", data(page - 1)));
    }
    if n > 1 {
        row.push(button(format!("{}/{n}", page + 1), data(page)));
    }
    if page + 1 < n {
        row.push(button("▶", data(page + 1)));
    }
    row
}

async fn list(ctx: &Ctx, lang: Lang, page: usize) -> Result<(String, InlineKeyboardMarkup), HandlerError> {
    let all = orgs::list(&ctx.pool).await?;
    if all.is_empty() {
        return Ok((tr!(lang, "og-none"), keyboard(vec![])));
    }
    let page = page.min(pages(all.len()) - 1);
    let shown = &all[page * PAGE..((page + 1) * PAGE).min(all.len())];
    let mut text = tr!(lang, "og-list-header", count = all.len() as i64);
    let mut rows = Vec::new();
    for o in shown {
        text.push_str(&format!("\n• {} — {}, {}", o.name, kind_name(lang, &o.kind), o.tz));
        rows.push(vec![button(o.name.chars().take(60).collect::<String>(), format!("og:o:{}", o.id))]);
    }
    text.push_str(&format!("\n\n{}", tr!(lang, "og-list-hint")));
    let nav = nav(page, all.len(), |p| format!("og:p:{p}"));
    if !nav.is_empty() {
        rows.push(nav);
    }
    Ok((text, keyboard(rows)))
}

fn usage_text(lang: Lang, u: &Usage) -> String {
    tr!(lang, "og-usage", people = u.people, pairs = u.pairs, requests = u.requests, invites = u.invites, chats = u.chats, practices = u.practices)
}

async fn card(ctx: &Ctx, lang: Lang, o: &Org, note: Option<String>) -> Result<(String, InlineKeyboardMarkup), HandlerError> {
    let usage = orgs::usage(&ctx.pool, o.id).await?;
    let curators = crate::repo::ops::orgs_without_curator(&ctx.pool).await?.iter().all(|(id, _)| *id != o.id);
    let local = o.tz.parse::<chrono_tz::Tz>().map(|tz| ctx.now().with_timezone(&tz).format("%H:%M").to_string()).unwrap_or_default();
    let mut text = tr!(
        lang,
        "og-card",
        name = o.name.clone(),
        kind = kind_name(lang, &o.kind),
        tz = o.tz.clone(),
        local = local,
        usage = usage_text(lang, &usage),
        curator = if curators { tr!(lang, "word-yes") } else { tr!(lang, "word-no") }
    );
    if let Some(n) = note {
        text = format!("{n}\n\n{text}");
    }
    let id = o.id;
    let kb = keyboard(vec![
        vec![button(tr!(lang, "og-btn-rename"), format!("og:rn:{id}"))],
        vec![button(tr!(lang, "og-btn-kind"), format!("og:k:{id}")), button(tr!(lang, "og-btn-tz"), format!("og:z:{id}"))],
        vec![button(tr!(lang, "og-btn-merge"), format!("og:m:{id}:0")), button(tr!(lang, "og-btn-remove"), format!("og:rm:{id}"))],
        vec![button(tr!(lang, "og-btn-list"), "og:p:0")],
    ]);
    Ok((text, kb))
}

/// A fresh card of organization `id`, or `None` when it is gone (merged or removed).
async fn org(ctx: &Ctx, id: i64) -> Result<Option<Org>, HandlerError> {
    Ok(orgs::get(&ctx.pool, id).await?)
}

fn back(lang: Lang, id: i64) -> Vec<teloxide::types::InlineKeyboardButton> {
    vec![button(tr!(lang, "og-btn-back"), format!("og:o:{id}"))]
}

pub async fn on_button(cb: &Callback<'_>, state: State, rest: &str) -> Result<Answered, HandlerError> {
    let lang = cb.lang();
    if !allowed(cb.actor) {
        return cb.answer(Some(tr!(lang, "not-allowed"))).await.map_err(Into::into);
    }
    let parts: Vec<&str> = rest.split(':').collect();
    let n = |i: usize| parts.get(i).and_then(|s| s.parse::<i64>().ok());
    let action = parts.first().copied().unwrap_or("");
    if action == "p" {
        let (text, kb) = list(cb.ctx, lang, n(1).unwrap_or(0).max(0) as usize).await?;
        cb.edit(text, Some(kb)).await?;
        return Ok(Answered::NotYet);
    }
    let Some(id) = n(1) else { return Ok(Answered::Stale) };
    // another button than the rename's own ends a rename in progress
    if matches!(state, State::OrgRename { .. }) && !matches!(action, "rn" | "rf") {
        cb.dialogue.exit().await?;
    }
    let Some(o) = org(cb.ctx, id).await? else {
        // merged or removed meanwhile: show the list as it is now
        let (text, kb) = list(cb.ctx, lang, 0).await?;
        cb.edit(text, Some(kb)).await?;
        return cb.answer(Some(tr!(lang, "og-gone"))).await.map_err(Into::into);
    };
    match action {
        "o" => {
            let (text, kb) = card(cb.ctx, lang, &o, None).await?;
            cb.edit(text, Some(kb)).await?;
        }
        "rn" => {
            ui::send(cb.bot, cb.chat(), tr!(lang, "og-ask-name", name = o.name.clone()), None).await?;
            cb.dialogue.update(State::OrgRename { org: id, name: None }).await?;
        }
        "rf" => {
            // «rename anyway» after the warning about a likely twin
            let State::OrgRename { org: wanted, name: Some(name) } = state else { return Ok(Answered::Stale) };
            if wanted != id {
                return Ok(Answered::Stale);
            }
            orgs::rename(&cb.ctx.pool, id, &name).await?;
            cb.dialogue.exit().await?;
            let old = o.name.clone();
            let o = org(cb.ctx, id).await?.ok_or("organization gone")?;
            let (text, kb) = card(cb.ctx, lang, &o, Some(tr!(lang, "og-renamed", old = old, new = name.clone()))).await?;
            cb.edit(text, Some(kb)).await?;
        }
        "k" => {
            let mut rows: Vec<_> = OrgKind::ALL.iter().map(|k| vec![button(tr!(lang, &k.key()), format!("og:ks:{id}:{}", k.code()))]).collect();
            rows.push(back(lang, id));
            cb.edit(tr!(lang, "og-ask-kind", name = o.name.clone()), Some(keyboard(rows))).await?;
        }
        "ks" => {
            let Some(kind) = parts.get(2).and_then(|c| OrgKind::from_code(c)) else { return Ok(Answered::Stale) };
            orgs::set_kind(&cb.ctx.pool, id, kind).await?;
            let o = org(cb.ctx, id).await?.ok_or("organization gone")?;
            let (text, kb) = card(cb.ctx, lang, &o, Some(tr!(lang, "og-kind-set", kind = tr!(lang, &kind.key())))).await?;
            cb.edit(text, Some(kb)).await?;
        }
        "z" => {
            let mut rows: Vec<_> = ZONES
                .chunks(2)
                .enumerate()
                .map(|(row, pair)| pair.iter().enumerate().map(|(i, z)| button(*z, format!("og:zs:{id}:{}", row * 2 + i))).collect())
                .collect();
            rows.push(back(lang, id));
            cb.edit(tr!(lang, "og-ask-tz", name = o.name.clone(), tz = o.tz.clone()), Some(keyboard(rows))).await?;
        }
        "zs" => {
            let Some(tz) = n(2).and_then(|i| usize::try_from(i).ok()).and_then(|i| ZONES.get(i)) else { return Ok(Answered::Stale) };
            orgs::set_tz(&cb.ctx.pool, id, tz).await?;
            // «today» of the organization is cached for a minute: forget it now
            cb.ctx.zones.lock().unwrap_or_else(|e| e.into_inner()).remove(&id);
            let o = org(cb.ctx, id).await?.ok_or("organization gone")?;
            let (text, kb) = card(cb.ctx, lang, &o, Some(tr!(lang, "og-tz-set", tz = tz.to_string()))).await?;
            cb.edit(text, Some(kb)).await?;
        }
        "m" => {
            let others: Vec<Org> = orgs::list(&cb.ctx.pool).await?.into_iter().filter(|x| x.id != id).collect();
            if others.is_empty() {
                return cb.answer(Some(tr!(lang, "og-merge-nothing"))).await.map_err(Into::into);
            }
            let page = (n(2).unwrap_or(0).max(0) as usize).min(pages(others.len()) - 1);
            let mut rows: Vec<_> = others[page * PAGE..((page + 1) * PAGE).min(others.len())]
                .iter()
                .map(|x| vec![button(x.name.chars().take(60).collect::<String>(), format!("og:mi:{id}:{}", x.id))])
                .collect();
            let nav = nav(page, others.len(), |p| format!("og:m:{id}:{p}"));
            if !nav.is_empty() {
                rows.push(nav);
            }
            rows.push(back(lang, id));
            cb.edit(tr!(lang, "og-ask-merge", name = o.name.clone()), Some(keyboard(rows))).await?;
        }
        "mi" => {
            let Some(into) = n(2).filter(|i| *i != id) else { return Ok(Answered::Stale) };
            let Some(target) = org(cb.ctx, into).await? else { return cb.answer(Some(tr!(lang, "og-gone"))).await.map_err(Into::into) };
            let usage = orgs::usage(&cb.ctx.pool, id).await?;
            let kb = keyboard(vec![vec![button(tr!(lang, "og-btn-merge-confirm"), format!("og:mc:{id}:{into}"))], back(lang, id)]);
            cb.edit(tr!(lang, "og-merge-confirm", from = o.name.clone(), into = target.name.clone(), usage = usage_text(lang, &usage)), Some(kb)).await?;
        }
        "mc" => {
            let Some(into) = n(2) else { return Ok(Answered::Stale) };
            match orgs::merge(&cb.ctx.pool, id, into).await {
                Ok(moved) => {
                    let target = org(cb.ctx, into).await?.ok_or("organization gone")?;
                    cb.ctx.zones.lock().unwrap_or_else(|e| e.into_inner()).remove(&id);
                    tracing::info!(from = id, into, by = cb.actor.tg, "organizations merged");
                    let note = tr!(lang, "og-merged", from = o.name.clone(), into = target.name.clone(), usage = usage_text(lang, &moved));
                    let (text, kb) = card(cb.ctx, lang, &target, Some(note)).await?;
                    cb.edit(text, Some(kb)).await?;
                }
                Err(OrgError::NotFound(_) | OrgError::SameOrg) => return cb.answer(Some(tr!(lang, "og-gone"))).await.map_err(Into::into),
                Err(e) => return Err(e.into()),
            }
        }
        "rm" => {
            let usage = orgs::usage(&cb.ctx.pool, id).await?;
            if usage.is_empty() {
                let kb = keyboard(vec![vec![button(tr!(lang, "og-btn-remove-confirm"), format!("og:rc:{id}"))], back(lang, id)]);
                cb.edit(tr!(lang, "og-remove-confirm", name = o.name.clone()), Some(kb)).await?;
            } else {
                let kb = keyboard(vec![vec![button(tr!(lang, "og-btn-merge"), format!("og:m:{id}:0"))], back(lang, id)]);
                cb.edit(tr!(lang, "og-remove-in-use", name = o.name.clone(), usage = usage_text(lang, &usage)), Some(kb)).await?;
            }
        }
        "rc" => match orgs::remove(&cb.ctx.pool, id).await {
            Ok(()) => {
                tracing::info!(org = id, by = cb.actor.tg, "organization removed");
                let (list_text, kb) = list(cb.ctx, lang, 0).await?;
                cb.edit(format!("{}\n\n{list_text}", tr!(lang, "og-removed", name = o.name.clone())), Some(kb)).await?;
            }
            Err(OrgError::InUse(usage)) => {
                let kb = keyboard(vec![vec![button(tr!(lang, "og-btn-merge"), format!("og:m:{id}:0"))], back(lang, id)]);
                cb.edit(tr!(lang, "og-remove-in-use", name = o.name.clone(), usage = usage_text(lang, &usage)), Some(kb)).await?;
            }
            Err(OrgError::NotFound(_)) => return cb.answer(Some(tr!(lang, "og-gone"))).await.map_err(Into::into),
            Err(e) => return Err(e.into()),
        },
        _ => return Ok(Answered::Stale),
    }
    Ok(Answered::NotYet)
}

/// The new name typed after «Переименовать». A likely twin of another organization asks
/// for confirmation first; a bad name gets a hint and changes nothing.
pub async fn on_rename_text(bot: &Bot, msg: &Message, dialogue: &Dlg, ctx: &Ctx, actor: &Actor, id: i64) -> HandlerResult {
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
        let kb = keyboard(vec![
            vec![button(tr!(lang, "og-btn-rename-anyway"), format!("og:rf:{id}"))],
            vec![button(tr!(lang, "og-btn-merge"), format!("og:m:{id}:0")), button(tr!(lang, "og-btn-back"), format!("og:o:{id}"))],
        ]);
        dialogue.update(State::OrgRename { org: id, name: Some(name.to_string()) }).await?;
        ui::send(bot, chat, tr!(lang, "og-duplicate", name = name.to_string(), twin = twin.clone()), Some(kb)).await?;
        return Ok(());
    }
    orgs::rename(&ctx.pool, id, name).await?;
    dialogue.exit().await?;
    let o = org(ctx, id).await?.ok_or("organization gone")?;
    let (text, kb) = card(ctx, lang, &o, Some(tr!(lang, "og-renamed", old = old.name.clone(), new = name.to_string()))).await?;
    ui::send(bot, chat, text, Some(kb)).await?;
    Ok(())
}

/// The operating numbers for an admin's `/digest` (the same as `nastavnik stats`).
pub async fn stats_text(ctx: &Ctx, lang: Lang) -> Result<String, HandlerError> {
    use crate::repo::ops;
    let now = ctx.now();
    let s = ops::stats(&ctx.pool, crate::ops::district_midnight(&ctx.config, now)).await?;
    let size = crate::ops::database_size(&ctx.config, &s).await;
    let backlog = tr!(lang, "stats-backlog", outbox = s.backlog.outbox, reminders = s.backlog.reminders);
    let tz = ctx.config.district.tz;
    let last = match s.last_pass {
        Some(t) => t.with_timezone(&tz).format("%d.%m.%Y %H:%M").to_string(),
        None => tr!(lang, "stats-never"),
    };
    let district = ctx.config.district.name.clone().unwrap_or_else(|| tr!(lang, "report-district"));
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
