//! `/profile`: the person's card with one-tap editing of each field.

use super::action::profile::{Choice, ProfileAction};
use super::actor::Actor;
use super::reply::{self, Button};
use super::state::{Edit, EditField, State};
use super::ui::prompt as show_prompt;
use super::ui::{self, Answered, Callback};
use super::{Ctx, Dlg, HandlerError, HandlerResult};
use crate::domain::profile as rules;
use crate::domain::{Area, Form, MenteeCategory};
use crate::i18n::Lang;
use crate::repo::users::{self, BasicField};
use crate::repo::{orgs, profiles};
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardMarkup, MessageId};

fn names<T: Copy>(lang: Lang, items: &[T], key: fn(T) -> String) -> String {
    items
        .iter()
        .map(|i| tr!(lang, &key(*i)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The profile card and its edit buttons.
pub async fn card(
    ctx: &Ctx,
    actor: &Actor,
) -> Result<(String, InlineKeyboardMarkup), HandlerError> {
    let lang = actor.lang;
    let user = actor.registered_user().ok_or("not registered")?;
    let org = match user.org_id {
        Some(id) => orgs::get(&ctx.pool, id)
            .await?
            .map(|o| o.name)
            .unwrap_or_default(),
        None => "—".into(),
    };
    let roles: Vec<String> = actor
        .role_set()
        .iter()
        .map(|r| tr!(lang, &r.key()))
        .collect();
    let mut text = tr!(
        lang,
        "profile-card",
        name = user.full_name.clone().unwrap_or_default(),
        org = org,
        position = user.position.clone().unwrap_or_default(),
        subjects = user.subjects.clone().unwrap_or_default(),
        experience = user.experience_years.unwrap_or(0),
        roles = roles.join(", ")
    );
    let edit =
        |key: &str, field: EditField| Button::new(tr!(lang, key), ProfileAction::Edit(field));
    let mut rows = vec![
        vec![
            edit("btn-edit-name", EditField::FullName),
            edit("btn-edit-position", EditField::Position),
        ],
        vec![
            edit("btn-edit-subjects", EditField::Subjects),
            edit("btn-edit-experience", EditField::Experience),
        ],
    ];
    if let Some(m) = profiles::mentee(&ctx.pool, user.id).await? {
        text.push_str("\n\n");
        text.push_str(&tr!(
            lang,
            "profile-mentee",
            category = tr!(lang, &m.category.key()),
            areas = names(lang, &m.areas, Area::key)
        ));
        rows.push(vec![
            edit("btn-edit-category", EditField::Category),
            edit("btn-edit-areas", EditField::Areas),
        ]);
    }
    if let Some(m) = profiles::mentor(&ctx.pool, user.id).await? {
        text.push_str("\n\n");
        text.push_str(&tr!(
            lang,
            "profile-mentor",
            competences = names(lang, &m.competences, Area::key),
            forms = names(lang, &m.forms, Form::key),
            capacity = m.capacity,
            otherorgs = tr!(lang, if m.other_orgs { "word-yes" } else { "word-no" }),
            public = tr!(
                lang,
                if m.listed_publicly {
                    "word-yes"
                } else {
                    "word-no"
                }
            )
        ));
        rows.push(vec![
            edit("btn-edit-competences", EditField::Competences),
            edit("btn-edit-forms", EditField::Forms),
        ]);
        rows.push(vec![edit("btn-edit-capacity", EditField::Capacity)]);
        rows.push(vec![
            Button::new(tr!(lang, "btn-toggle-other-orgs"), ProfileAction::OtherOrgs),
            Button::new(tr!(lang, "btn-toggle-public"), ProfileAction::Public),
        ]);
    }
    Ok((text, reply::markup(rows)))
}

/// Shows the card (as a new message, or in place of `edit`).
pub async fn show_card(bot: &Bot, ctx: &Ctx, actor: &Actor, edit: Option<i32>) -> HandlerResult {
    let (text, kb) = card(ctx, actor).await?;
    show_prompt(bot, ChatId(actor.tg), text, Some(kb), edit).await?;
    Ok(())
}

/// The multi-select of a field: forms, or areas (difficulties, competences).
fn choices_keyboard(lang: Lang, field: EditField, selected: &[String]) -> InlineKeyboardMarkup {
    let options: Vec<(Choice, String)> = if field == EditField::Forms {
        Form::ALL
            .iter()
            .map(|f| (Choice::Form(*f), tr!(lang, &f.key())))
            .collect()
    } else {
        Area::ALL
            .iter()
            .map(|a| (Choice::Area(*a), tr!(lang, &a.key())))
            .collect()
    };
    let options = options
        .into_iter()
        .map(|(c, label)| {
            (
                ProfileAction::Toggle(c),
                label,
                selected.iter().any(|s| s == c.code()),
            )
        })
        .collect();
    reply::markup(reply::multi_select(lang, options, ProfileAction::Done))
}

fn category_keyboard(lang: Lang) -> InlineKeyboardMarkup {
    reply::markup(
        MenteeCategory::ALL
            .iter()
            .map(|c| {
                vec![Button::new(
                    tr!(lang, &c.key()),
                    ProfileAction::Category(*c),
                )]
            })
            .collect(),
    )
}

fn capacity_keyboard() -> InlineKeyboardMarkup {
    reply::markup(vec![(1..=5)
        .map(|n| Button::new(n.to_string(), ProfileAction::Capacity(n)))
        .collect()])
}

/// A tap on the profile card or on an edit keyboard (authorized: registered people; each acts
/// on their own profile).
pub async fn on_button(
    cb: &Callback<'_>,
    state: State,
    action: ProfileAction,
) -> Result<Answered, HandlerError> {
    let Some(user) = cb.actor.registered_user() else {
        return Ok(Answered::Stale);
    };
    let lang = cb.lang();
    let pool = &cb.ctx.pool;
    let now = cb.ctx.now();
    match action {
        // buttons of the card itself: they always act on the current data
        ProfileAction::Edit(field) => {
            let mentee = profiles::mentee(pool, user.id).await?;
            let mentor = profiles::mentor(pool, user.id).await?;
            let (prompt, kb, selected): (String, Option<InlineKeyboardMarkup>, Vec<String>) =
                match field {
                    EditField::FullName => (tr!(lang, "ob-ask-name"), None, vec![]),
                    EditField::Position => (tr!(lang, "ob-ask-position"), None, vec![]),
                    EditField::Subjects => (tr!(lang, "ob-ask-subjects"), None, vec![]),
                    EditField::Experience => (tr!(lang, "ob-ask-experience"), None, vec![]),
                    EditField::Category if mentee.is_some() => (
                        tr!(lang, "ob-ask-category"),
                        Some(category_keyboard(lang)),
                        vec![],
                    ),
                    EditField::Areas => match &mentee {
                        Some(m) => (
                            tr!(lang, "ob-ask-areas"),
                            None,
                            m.areas.iter().map(|a| a.code().to_string()).collect(),
                        ),
                        None => return Ok(Answered::Stale),
                    },
                    EditField::Competences => match &mentor {
                        Some(m) => (
                            tr!(lang, "ob-ask-competences"),
                            None,
                            m.competences.iter().map(|a| a.code().to_string()).collect(),
                        ),
                        None => return Ok(Answered::Stale),
                    },
                    EditField::Forms => match &mentor {
                        Some(m) => (
                            tr!(lang, "ob-ask-forms"),
                            None,
                            m.forms.iter().map(|f| f.code().to_string()).collect(),
                        ),
                        None => return Ok(Answered::Stale),
                    },
                    EditField::Capacity if mentor.is_some() => (
                        tr!(lang, "ob-ask-capacity", default = rules::DEFAULT_CAPACITY),
                        Some(capacity_keyboard()),
                        vec![],
                    ),
                    _ => return Ok(Answered::Stale),
                };
            let kb = match field {
                EditField::Areas | EditField::Competences | EditField::Forms => {
                    Some(choices_keyboard(lang, field, &selected))
                }
                _ => kb,
            };
            let prompt = format!("{prompt}\n\n{}", tr!(lang, "edit-cancel-hint"));
            let kb_id = show_prompt(cb.bot, cb.chat(), prompt, kb, None).await?;
            cb.dialogue
                .update(State::Edit(Edit {
                    field,
                    kb: kb_id,
                    selected,
                }))
                .await?;
            cb.answer(None).await?;
            Ok(Answered::Done)
        }
        ProfileAction::OtherOrgs | ProfileAction::Public => {
            let Some(mut m) = profiles::mentor(pool, user.id).await? else {
                return Ok(Answered::Stale);
            };
            if action == ProfileAction::OtherOrgs {
                m.other_orgs = !m.other_orgs;
            } else {
                m.listed_publicly = !m.listed_publicly;
            }
            profiles::save_mentor(pool, user.id, &m, now).await?;
            show_card(cb.bot, cb.ctx, cb.actor, Some(cb.message_id)).await?;
            cb.answer(Some(tr!(lang, "saved"))).await?;
            Ok(Answered::Done)
        }
        // buttons of an edit keyboard: only the current one counts
        ProfileAction::Category(_)
        | ProfileAction::Capacity(_)
        | ProfileAction::Toggle(_)
        | ProfileAction::Done => {
            let State::Edit(mut edit) = state else {
                return Ok(Answered::Stale);
            };
            if edit.kb != Some(cb.message_id) {
                return Ok(Answered::Stale);
            }
            match (edit.field, action) {
                (EditField::Category, ProfileAction::Category(c)) => {
                    let Some(m) = profiles::mentee(pool, user.id).await? else {
                        return Ok(Answered::Stale);
                    };
                    profiles::save_mentee(pool, user.id, c, &m.areas, now).await?;
                }
                (EditField::Capacity, ProfileAction::Capacity(n)) => {
                    let Some(mut m) = profiles::mentor(pool, user.id).await? else {
                        return Ok(Answered::Stale);
                    };
                    m.capacity = n;
                    profiles::save_mentor(pool, user.id, &m, now).await?;
                }
                (
                    f @ (EditField::Areas | EditField::Competences | EditField::Forms),
                    ProfileAction::Toggle(choice),
                ) => {
                    let valid = matches!(
                        (f, choice),
                        (EditField::Forms, Choice::Form(_))
                            | (EditField::Areas | EditField::Competences, Choice::Area(_))
                    );
                    if !valid {
                        return Ok(Answered::Stale);
                    }
                    ui::toggle(&mut edit.selected, choice.code());
                    let kb = choices_keyboard(lang, f, &edit.selected);
                    cb.dialogue.update(State::Edit(edit)).await?;
                    ui::edit_keyboard(cb.bot, cb.chat(), MessageId(cb.message_id), kb).await?;
                    return Ok(Answered::NotYet);
                }
                (
                    f @ (EditField::Areas | EditField::Competences | EditField::Forms),
                    ProfileAction::Done,
                ) => {
                    if edit.selected.is_empty() {
                        return cb
                            .answer(Some(tr!(lang, "err-choose-one")))
                            .await
                            .map_err(Into::into);
                    }
                    let areas: Vec<Area> = edit
                        .selected
                        .iter()
                        .filter_map(|c| Area::from_code(c))
                        .collect();
                    match f {
                        EditField::Areas => {
                            let Some(m) = profiles::mentee(pool, user.id).await? else {
                                return Ok(Answered::Stale);
                            };
                            profiles::save_mentee(pool, user.id, m.category, &areas, now).await?;
                        }
                        _ => {
                            let Some(mut m) = profiles::mentor(pool, user.id).await? else {
                                return Ok(Answered::Stale);
                            };
                            if f == EditField::Forms {
                                m.forms = edit
                                    .selected
                                    .iter()
                                    .filter_map(|c| Form::from_code(c))
                                    .collect();
                            } else {
                                m.competences = areas;
                            }
                            profiles::save_mentor(pool, user.id, &m, now).await?;
                        }
                    }
                }
                _ => return Ok(Answered::Stale),
            }
            cb.dialogue.exit().await?;
            cb.edit(tr!(lang, "saved"), None).await?;
            cb.answer(None).await?;
            show_card(cb.bot, cb.ctx, cb.actor, None).await?;
            Ok(Answered::Done)
        }
    }
}

/// A message typed while editing a field.
pub async fn on_text(
    bot: &Bot,
    msg: &Message,
    dialogue: &Dlg,
    ctx: &Ctx,
    actor: &Actor,
    edit: Edit,
) -> HandlerResult {
    let lang = actor.lang;
    let Some(user) = actor.registered_user() else {
        dialogue.exit().await?;
        return super::general::on_idle_text(bot, msg, actor).await;
    };
    let Some(text) = msg.text() else {
        bot.send_message(msg.chat.id, tr!(lang, "err-need-text"))
            .await?;
        return Ok(());
    };
    let now = ctx.now();
    let basic =
        |f: BasicField, parsed: Result<String, rules::InputError>| parsed.map(|v| Some((f, v)));
    let parsed: Result<Option<(BasicField, String)>, rules::InputError> = match edit.field {
        EditField::FullName => basic(BasicField::FullName, rules::parse_full_name(text)),
        EditField::Position => basic(BasicField::Position, rules::parse_short_text(text)),
        EditField::Subjects => basic(BasicField::Subjects, rules::parse_short_text(text)),
        EditField::Experience => match rules::parse_experience(text) {
            Ok(y) => {
                users::set_experience(&ctx.pool, user.id, y, now).await?;
                Ok(None)
            }
            Err(e) => Err(e),
        },
        EditField::Capacity => match rules::parse_capacity(text) {
            Ok(n) => match profiles::mentor(&ctx.pool, user.id).await? {
                Some(mut m) => {
                    m.capacity = n;
                    profiles::save_mentor(&ctx.pool, user.id, &m, now).await?;
                    Ok(None)
                }
                None => Ok(None),
            },
            Err(e) => Err(e),
        },
        _ => {
            bot.send_message(msg.chat.id, tr!(lang, "use-buttons-or-cancel"))
                .await?;
            return Ok(());
        }
    };
    match parsed {
        Err(e) => {
            bot.send_message(msg.chat.id, tr!(lang, e.key)).await?;
        }
        Ok(field) => {
            if let Some((f, v)) = field {
                users::update_basic(&ctx.pool, user.id, f, &v, now).await?;
                if f == BasicField::FullName {
                    if let Some(role) = actor.roles.first().map(|g| g.role) {
                        super::privacy::tell_about_namesakes(ctx, user.id, role).await?;
                    }
                }
            }
            dialogue.exit().await?;
            bot.send_message(msg.chat.id, tr!(lang, "saved")).await?;
            let actor = Actor::load_by_tg(ctx, actor.tg, lang).await?;
            show_card(bot, ctx, &actor, None).await?;
        }
    }
    Ok(())
}
