//! In-process fake Telegram Bot API server, served over real HTTP on loopback.
//!
//! End-to-end tests start it with [`FakeBotApi::start`], point the real bot at
//! [`FakeBotApi::url`] (like `TELOXIDE_API_URL`), inject user actions
//! ([`FakeBotApi::send_text`], [`FakeBotApi::press`], ...) and then wait for and
//! inspect what the bot called ([`FakeBotApi::wait_for_text`],
//! [`FakeBotApi::calls`], [`FakeBotApi::delivered_texts`], ...).
//!
//! The server speaks raw JSON and mimics Telegram closely enough for
//! teloxide-core 0.13: `getUpdates` has Telegram's offset/long-poll semantics,
//! messages get per-chat ids, edits report "message is not modified", and
//! failures (blocked users, rate limits, random 500s) can be injected.
//!
//! Note for failure injection: teloxide sleeps 10 s after any HTTP 5xx answer
//! before it even reads the body. [`FakeBotApi::fail_randomly_with_status`]
//! lets tests keep the Telegram error body but answer with another HTTP status.

// The module is a test/console harness: not every helper is used by every binary.
#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Request, State as AxState};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::{Json, Router};
use serde_json::{json, Map, Value};
use tokio::sync::{broadcast, watch, Notify};
use tokio::time::Instant;

/// A token the bot can use; any token is accepted in the path, though.
pub const TOKEN: &str = "123456:TEST-TOKEN";
/// User id of the bot the server pretends to be.
pub const BOT_ID: i64 = 1000;
/// First name of the fake bot.
pub const BOT_FIRST_NAME: &str = "Наставник";
/// Username of the fake bot.
pub const BOT_USERNAME: &str = "nastavnik_test_bot";

const MAX_POLL_TIMEOUT_SECS: i64 = 30;
const MAX_BODY: usize = 64 << 20;
const NOT_MODIFIED: &str = "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

/// A file uploaded by the bot (multipart part with a file name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UploadedFile {
    /// File name given by the client.
    pub name: String,
    /// Raw content.
    pub bytes: Vec<u8>,
}

/// One recorded Bot API call, successful or not.
#[derive(Clone, Debug)]
pub struct ApiCall {
    /// Method name as the client spelled it (e.g. `sendMessage`).
    pub method: String,
    /// Parameters as a JSON object; `chat_id`, `message_id`, ... are normalised
    /// to numbers and `reply_markup` etc. to JSON even when sent as form strings.
    pub params: Value,
    /// The uploaded file, if the request carried one.
    pub file: Option<UploadedFile>,
    /// 200 on success, otherwise the Telegram `error_code` (400, 403, 429, 500).
    pub status: u16,
    /// The complete JSON body that was answered.
    pub response: Value,
    /// When the request arrived (tests check the pacing of sends).
    pub at: Instant,
}

impl ApiCall {
    /// `true` if the call succeeded.
    pub fn ok(&self) -> bool {
        self.status == 200
    }
    /// `true` if the call was answered with an error.
    pub fn failed(&self) -> bool {
        !self.ok()
    }
    /// Numeric `chat_id` parameter, if any.
    pub fn chat_id(&self) -> Option<i64> {
        self.params.get("chat_id").and_then(Value::as_i64)
    }
    /// `text` parameter, if any.
    pub fn text(&self) -> Option<&str> {
        self.params.get("text").and_then(Value::as_str)
    }
    /// The `result` of a successful call.
    pub fn result(&self) -> Option<&Value> {
        self.response.get("result")
    }
    /// Case-insensitive method name check.
    pub fn is(&self, method: &str) -> bool {
        self.method.eq_ignore_ascii_case(method)
    }
}

/// A Telegram user the tests act as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FakeUser {
    pub id: i64,
    pub first_name: String,
    pub username: Option<String>,
    pub language_code: Option<String>,
}

impl FakeUser {
    /// A user without username, with language `ru`.
    pub fn new(id: i64, first_name: impl Into<String>) -> Self {
        Self {
            id,
            first_name: first_name.into(),
            username: None,
            language_code: Some("ru".into()),
        }
    }
    /// Sets the username (without `@`).
    pub fn with_username(mut self, username: impl Into<String>) -> Self {
        self.username = Some(username.into());
        self
    }
    /// Sets (or clears) the client language code.
    pub fn with_language(mut self, code: Option<&str>) -> Self {
        self.language_code = code.map(str::to_owned);
        self
    }
    /// The Telegram `User` object.
    pub fn to_json(&self) -> Value {
        let mut u = json!({"id": self.id, "is_bot": false, "first_name": self.first_name});
        if let Some(n) = &self.username {
            u["username"] = json!(n);
        }
        if let Some(l) = &self.language_code {
            u["language_code"] = json!(l);
        }
        u
    }
}

/// The bot's own `User` object.
pub fn bot_user() -> Value {
    json!({"id": BOT_ID, "is_bot": true, "first_name": BOT_FIRST_NAME, "username": BOT_USERNAME})
}

fn now_unix() -> i64 {
    chrono::Utc::now().timestamp()
}

/// An error answer: HTTP status, Telegram error code, description.
#[derive(Debug, Clone, PartialEq)]
struct Fail {
    http: u16,
    code: u16,
    description: String,
    retry_after: Option<u64>,
    /// `parameters.migrate_to_chat_id`: the group became this supergroup.
    migrate_to: Option<i64>,
}

impl Fail {
    fn new(code: u16, description: impl Into<String>) -> Self {
        Self {
            http: code,
            code,
            description: description.into(),
            retry_after: None,
            migrate_to: None,
        }
    }
    fn bad(description: impl Into<String>) -> Self {
        Self::new(400, description)
    }
    fn body(&self) -> Value {
        let mut b = json!({"ok": false, "error_code": self.code, "description": self.description});
        if let Some(n) = self.retry_after {
            b["parameters"] = json!({"retry_after": n});
        }
        if let Some(to) = self.migrate_to {
            b["parameters"] = json!({"migrate_to_chat_id": to});
        }
        b
    }
}

/// xorshift64* — deterministic, good enough for fault injection.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(if seed == 0 {
            0x9E37_79B9_7F4A_7C15
        } else {
            seed
        })
    }
    fn next_f64(&mut self) -> f64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        (x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Telegram's texts for the 403s a bot really gets.
pub const FORBIDDEN_NOT_STARTED: &str = "Forbidden: bot can't initiate conversation with a user";
pub const FORBIDDEN_NOT_MEMBER: &str = "Forbidden: bot is not a member of the supergroup chat";
pub const UPGRADED_TO_SUPERGROUP: &str =
    "Bad Request: group chat was upgraded to a supergroup chat";
/// Telegram's limit for a message's text and a caption, in UTF-16 code units.
pub const MAX_TEXT_UTF16: usize = 4096;
pub const MAX_CAPTION_UTF16: usize = 1024;

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

#[derive(Default)]
struct Faults {
    blocked: HashSet<i64>,
    /// People who never opened the bot (until they send something).
    not_started: HashSet<i64>,
    /// Supergroups the bot is no longer a member of.
    not_member: HashSet<i64>,
    /// Groups that became supergroups: old id → new id.
    migrated: HashMap<i64, i64>,
    random: Option<(f64, Rng, u16)>,
    limits: Option<(u32, u32)>,
    chat_sends: HashMap<i64, VecDeque<Instant>>,
    global_sends: VecDeque<Instant>,
}

#[derive(Default)]
struct ChatState {
    last_id: i64,
    title: Option<String>,
    messages: BTreeMap<i64, Value>,
    reply_keyboard: Option<Value>,
}

/// Everything the server knows; guarded by one mutex, never held across `.await`.
struct State {
    calls: Vec<ApiCall>,
    mark: usize,
    /// Unacknowledged updates, sorted by `update_id`.
    updates: Vec<Value>,
    /// Every update ever pushed, by id (for `redeliver`).
    pushed: HashMap<i64, Value>,
    next_update_id: i64,
    delivered_upto: i64,
    chats: HashMap<i64, ChatState>,
    users: HashMap<i64, Value>,
    files: HashMap<String, UploadedFile>,
    webhook_url: String,
    seq: u64,
    last_activity: Instant,
    faults: Faults,
    shutting_down: bool,
}

fn uid(u: &Value) -> i64 {
    u.get("update_id").and_then(Value::as_i64).unwrap_or(0)
}

fn int_param(p: &Map<String, Value>, key: &str) -> Option<i64> {
    p.get(key).and_then(Value::as_i64)
}

fn str_param<'a>(p: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    p.get(key).and_then(Value::as_str)
}

fn chat_id_param(p: &Map<String, Value>) -> Result<i64, Fail> {
    int_param(p, "chat_id").ok_or_else(|| Fail::bad("Bad Request: chat not found"))
}

/// Which message-changing method `State::edit` serves.
#[derive(Clone, Copy, PartialEq)]
enum Edit {
    Text,
    Caption,
    Markup,
}

impl State {
    fn new() -> Self {
        State {
            calls: Vec::new(),
            mark: 0,
            updates: Vec::new(),
            pushed: HashMap::new(),
            next_update_id: 1,
            delivered_upto: 0,
            chats: HashMap::new(),
            users: HashMap::new(),
            files: HashMap::new(),
            webhook_url: String::new(),
            seq: 0,
            last_activity: Instant::now(),
            faults: Faults::default(),
            shutting_down: false,
        }
    }

    fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    fn chat_json(&self, chat_id: i64) -> Value {
        if chat_id > 0 {
            let user = self.users.get(&chat_id);
            let mut c = json!({"id": chat_id, "type": "private"});
            let first = user.and_then(|u| u.get("first_name")).cloned();
            c["first_name"] = first.unwrap_or_else(|| json!(format!("User {chat_id}")));
            if let Some(n) = user.and_then(|u| u.get("username")) {
                c["username"] = n.clone();
            }
            c
        } else {
            let title = self.chats.get(&chat_id).and_then(|c| c.title.clone());
            let kind = if self.faults.migrated.contains_key(&chat_id) {
                "group"
            } else {
                "supergroup"
            };
            json!({"id": chat_id, "type": kind, "title": title.unwrap_or_else(|| format!("Group {chat_id}"))})
        }
    }

    /// Stores a new message in the chat and returns it.
    fn store_message(&mut self, chat_id: i64, from: Value, fields: Map<String, Value>) -> Value {
        let chat = self.chat_json(chat_id);
        let st = self.chats.entry(chat_id).or_default();
        st.last_id += 1;
        let mut msg =
            json!({"message_id": st.last_id, "date": now_unix(), "chat": chat, "from": from});
        if let Some(obj) = msg.as_object_mut() {
            obj.extend(fields);
        }
        st.messages.insert(st.last_id, msg.clone());
        msg
    }

    /// Validates `reply_markup`; remembers reply keyboards; returns an inline
    /// keyboard to store in the message (Telegram only echoes inline ones).
    fn take_markup(&mut self, chat_id: i64, markup: Option<&Value>) -> Result<Option<Value>, Fail> {
        let Some(m) = markup.filter(|m| !m.is_null()) else {
            return Ok(None);
        };
        if let Some(rows) = m.get("inline_keyboard") {
            let rows = rows.as_array().ok_or_else(|| Fail::bad("Bad Request: can't parse inline keyboard button: field \"inline_keyboard\" must be an Array"))?;
            for row in rows {
                for b in row.as_array().into_iter().flatten() {
                    if b.get("text").and_then(Value::as_str).is_none() {
                        return Err(Fail::bad("Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"));
                    }
                    let data = b.get("callback_data").and_then(Value::as_str).unwrap_or("");
                    if data.len() > 64 {
                        return Err(Fail::bad("Bad Request: BUTTON_DATA_INVALID"));
                    }
                }
            }
            return Ok(Some(m.clone()));
        }
        let chat = self.chats.entry(chat_id).or_default();
        if m.get("keyboard").is_some() {
            chat.reply_keyboard = Some(m.clone());
        } else if m.get("remove_keyboard").is_some() {
            chat.reply_keyboard = None;
        }
        Ok(None)
    }

    /// Answers every method except `getUpdates`.
    fn call(
        &mut self,
        method: &str,
        p: &Map<String, Value>,
        file: Option<&UploadedFile>,
    ) -> Result<Value, Fail> {
        match method {
            "getme" => {
                let mut me = bot_user();
                for (k, v) in [
                    ("can_join_groups", true),
                    ("can_read_all_group_messages", false),
                    ("supports_inline_queries", false),
                    ("can_connect_to_business", false),
                    ("has_main_web_app", false),
                ] {
                    me[k] = json!(v);
                }
                Ok(me)
            }
            "deletewebhook" => {
                self.webhook_url.clear();
                Ok(json!(true))
            }
            "setwebhook" => {
                self.webhook_url = str_param(p, "url").unwrap_or("").to_owned();
                Ok(json!(true))
            }
            "getwebhookinfo" => Ok(
                json!({"url": self.webhook_url, "has_custom_certificate": false, "pending_update_count": self.updates.len()}),
            ),
            "sendmessage" => {
                let chat_id = chat_id_param(p)?;
                let text = str_param(p, "text").unwrap_or("");
                if text.trim().is_empty() {
                    return Err(Fail::bad("Bad Request: message text is empty"));
                }
                // counted as Telegram counts: UTF-16 code units (an emoji is two)
                if utf16_len(text) > MAX_TEXT_UTF16 {
                    return Err(Fail::bad("Bad Request: message is too long"));
                }
                let markup = self.take_markup(chat_id, p.get("reply_markup"))?;
                let mut fields = Map::new();
                fields.insert("text".into(), json!(text));
                if let Some(m) = markup {
                    fields.insert("reply_markup".into(), m);
                }
                Ok(self.store_message(chat_id, bot_user(), fields))
            }
            "editmessagetext" => self.edit(p, Edit::Text),
            "editmessagecaption" => self.edit(p, Edit::Caption),
            "editmessagereplymarkup" => self.edit(p, Edit::Markup),
            "senddocument" => self.send_media(p, file, "document"),
            "sendphoto" => self.send_media(p, file, "photo"),
            "deletemessage" => {
                if let (Some(c), Some(m)) = (int_param(p, "chat_id"), int_param(p, "message_id")) {
                    if let Some(chat) = self.chats.get_mut(&c) {
                        chat.messages.remove(&m);
                    }
                }
                Ok(json!(true))
            }
            "getmycommands" => Ok(json!([])),
            "getchat" => {
                let mut chat = self.chat_json(chat_id_param(p)?);
                chat["accepted_gift_types"] = json!({"unlimited_gifts": false, "limited_gifts": false, "unique_gifts": false, "premium_subscription": false});
                chat["max_reaction_count"] = json!(11);
                Ok(chat)
            }
            "getfile" => {
                let id = str_param(p, "file_id").unwrap_or("");
                let f = self
                    .files
                    .get(id)
                    .ok_or_else(|| Fail::bad("Bad Request: invalid file_id"))?;
                Ok(
                    json!({"file_id": id, "file_unique_id": format!("u{id}"), "file_size": f.bytes.len(), "file_path": format!("files/{id}")}),
                )
            }
            // answerCallbackQuery, setMyCommands, deleteMyCommands, leaveChat,
            // sendChatAction and anything unknown: recorded, answered `true`.
            _ => Ok(json!(true)),
        }
    }

    fn edit(&mut self, p: &Map<String, Value>, kind: Edit) -> Result<Value, Fail> {
        if p.contains_key("inline_message_id") {
            return Ok(json!(true));
        }
        let chat_id = chat_id_param(p)?;
        let mid = int_param(p, "message_id")
            .ok_or_else(|| Fail::bad("Bad Request: message identifier is not specified"))?;
        let markup = match p.get("reply_markup").filter(|m| !m.is_null()) {
            Some(m) if m.get("inline_keyboard").is_some() => self.take_markup(chat_id, Some(m))?,
            Some(_) => return Err(Fail::bad("Bad Request: inline keyboard expected")),
            None => None,
        };
        let (field, value) = match kind {
            Edit::Text => ("text", str_param(p, "text").unwrap_or("")),
            Edit::Caption => ("caption", str_param(p, "caption").unwrap_or("")),
            Edit::Markup => ("", ""),
        };
        if kind == Edit::Text && value.trim().is_empty() {
            return Err(Fail::bad("Bad Request: message text is empty"));
        }
        if kind == Edit::Text && utf16_len(value) > MAX_TEXT_UTF16 {
            return Err(Fail::bad("Bad Request: MESSAGE_TOO_LONG"));
        }
        let msg = self
            .chats
            .get_mut(&chat_id)
            .and_then(|c| c.messages.get_mut(&mid))
            .and_then(Value::as_object_mut)
            .ok_or_else(|| Fail::bad("Bad Request: message to edit not found"))?;
        if msg
            .get("from")
            .and_then(|f| f.get("id"))
            .and_then(Value::as_i64)
            != Some(BOT_ID)
        {
            return Err(Fail::bad("Bad Request: message can't be edited"));
        }
        let has_text = msg.contains_key("text");
        if kind == Edit::Text && !has_text {
            return Err(Fail::bad(
                "Bad Request: there is no text in the message to edit",
            ));
        }
        if kind == Edit::Caption && has_text {
            return Err(Fail::bad(
                "Bad Request: there is no caption in the message to edit",
            ));
        }
        let same_content =
            kind == Edit::Markup || msg.get(field).and_then(Value::as_str).unwrap_or("") == value;
        if same_content && msg.get("reply_markup") == markup.as_ref() {
            return Err(Fail::bad(NOT_MODIFIED));
        }
        if kind != Edit::Markup {
            if value.is_empty() {
                msg.remove(field);
            } else {
                msg.insert(field.into(), json!(value));
            }
        }
        match markup {
            Some(m) => msg.insert("reply_markup".into(), m),
            None => msg.remove("reply_markup"),
        };
        msg.insert("edit_date".into(), json!(now_unix()));
        Ok(Value::Object(msg.clone()))
    }

    fn send_media(
        &mut self,
        p: &Map<String, Value>,
        file: Option<&UploadedFile>,
        field: &str,
    ) -> Result<Value, Fail> {
        let chat_id = chat_id_param(p)?;
        let caption = str_param(p, "caption").unwrap_or("");
        if utf16_len(caption) > MAX_CAPTION_UTF16 {
            return Err(Fail::bad("Bad Request: message caption is too long"));
        }
        let (file_id, name, size) = match (file, str_param(p, field)) {
            (Some(f), _) => {
                let id = format!("{field}-{}", self.next_seq());
                self.files.insert(id.clone(), f.clone());
                (id, Some(f.name.clone()), f.bytes.len())
            }
            (None, Some(id)) if !id.is_empty() && !id.starts_with("attach://") => {
                let known = self.files.get(id);
                (
                    id.to_owned(),
                    known.map(|f| f.name.clone()),
                    known.map_or(0, |f| f.bytes.len()),
                )
            }
            _ => {
                return Err(Fail::bad(format!(
                    "Bad Request: there is no {field} in the request"
                )))
            }
        };
        let markup = self.take_markup(chat_id, p.get("reply_markup"))?;
        let mut fields = Map::new();
        let meta =
            json!({"file_id": file_id, "file_unique_id": format!("u{file_id}"), "file_size": size});
        if field == "photo" {
            let mut big = meta.clone();
            big["width"] = json!(1280);
            big["height"] = json!(960);
            fields.insert("photo".into(), json!([big]));
        } else {
            let mut doc = meta;
            if let Some(n) = name {
                doc["file_name"] = json!(n);
            }
            fields.insert("document".into(), doc);
        }
        if !caption.is_empty() {
            fields.insert("caption".into(), json!(caption));
        }
        if let Some(m) = markup {
            fields.insert("reply_markup".into(), m);
        }
        Ok(self.store_message(chat_id, bot_user(), fields))
    }

    /// Telegram's `getUpdates` without the waiting: acknowledges updates below
    /// `offset` (negative: keeps only the last `-offset`), returns up to `limit`
    /// of the rest and marks them delivered.
    fn take_updates(&mut self, offset: i64, limit: usize) -> Vec<Value> {
        if offset > 0 {
            self.updates.retain(|u| uid(u) >= offset);
        } else if offset < 0 {
            let keep = offset.unsigned_abs() as usize;
            let drop = self.updates.len().saturating_sub(keep);
            self.updates.drain(..drop);
        }
        let batch: Vec<Value> = self.updates.iter().take(limit).cloned().collect();
        if let Some(last) = batch.last() {
            self.delivered_upto = self.delivered_upto.max(uid(last));
            self.last_activity = Instant::now();
        }
        batch
    }

    fn push_update(&mut self, mut update: Value) -> i64 {
        assert!(update.is_object(), "an update must be a JSON object");
        let id = match update.get("update_id").and_then(Value::as_i64) {
            Some(id) => id,
            None => {
                update["update_id"] = json!(self.next_update_id);
                self.next_update_id
            }
        };
        self.next_update_id = self.next_update_id.max(id + 1);
        self.pushed.insert(id, update.clone());
        let pos = self.updates.partition_point(|u| uid(u) <= id);
        self.updates.insert(pos, update);
        self.last_activity = Instant::now();
        id
    }

    fn has_undelivered(&self) -> bool {
        self.updates
            .last()
            .is_some_and(|u| uid(u) > self.delivered_upto)
    }

    /// Injected failures: random 500, blocked chat (403), rate limit (429).
    fn check_faults(&mut self, method: &str, p: &Map<String, Value>) -> Option<Fail> {
        let f = &mut self.faults;
        if let Some((rate, rng, http)) = &mut f.random {
            if rng.next_f64() < *rate {
                return Some(Fail {
                    http: *http,
                    ..Fail::new(500, "Internal Server Error")
                });
            }
        }
        let sends = ["send", "edit", "copy", "forward"]
            .iter()
            .any(|s| method.starts_with(s));
        let chat = int_param(p, "chat_id").filter(|_| sends)?;
        if let Some(&to) = f.migrated.get(&chat) {
            return Some(Fail {
                migrate_to: Some(to),
                ..Fail::bad(UPGRADED_TO_SUPERGROUP)
            });
        }
        if f.not_started.contains(&chat) {
            return Some(Fail::new(403, FORBIDDEN_NOT_STARTED));
        }
        if f.not_member.contains(&chat) {
            return Some(Fail::new(403, FORBIDDEN_NOT_MEMBER));
        }
        if f.blocked.contains(&chat) {
            let why = if chat > 0 {
                "Forbidden: bot was blocked by the user"
            } else {
                "Forbidden: bot was kicked from the supergroup chat"
            };
            return Some(Fail::new(403, why));
        }
        let (per_chat, global) = f.limits.filter(|_| method != "sendchataction")?;
        let now = Instant::now();
        let window = f.chat_sends.entry(chat).or_default();
        for w in [&mut *window, &mut f.global_sends] {
            while w
                .front()
                .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(1))
            {
                w.pop_front();
            }
        }
        if (per_chat > 0 && window.len() >= per_chat as usize)
            || (global > 0 && f.global_sends.len() >= global as usize)
        {
            return Some(Fail {
                retry_after: Some(1),
                ..Fail::new(429, "Too Many Requests: retry after 1")
            });
        }
        window.push_back(now);
        f.global_sends.push_back(now);
        None
    }
}

struct Inner {
    state: Mutex<State>,
    updates_changed: Notify,
    call_made: Notify,
    calls_tx: broadcast::Sender<ApiCall>,
    addr: SocketAddr,
    stop: watch::Sender<bool>,
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn record(&self, call: ApiCall) {
        tracing::debug!(method = %call.method, status = call.status, "fake bot api call");
        let mut st = self.lock();
        if !call.is("getUpdates") {
            st.last_activity = Instant::now();
        }
        let _ = self.calls_tx.send(call.clone());
        st.calls.push(call);
        drop(st);
        self.call_made.notify_waiters();
    }

    async fn get_updates(&self, p: &Map<String, Value>) -> Result<Value, Fail> {
        let offset = int_param(p, "offset").unwrap_or(0);
        let limit = int_param(p, "limit")
            .filter(|l| (1..=100).contains(l))
            .unwrap_or(100) as usize;
        let timeout = int_param(p, "timeout")
            .unwrap_or(0)
            .clamp(0, MAX_POLL_TIMEOUT_SECS) as u64;
        let deadline = Instant::now() + Duration::from_secs(timeout);
        let mut offset = Some(offset);
        loop {
            let notified = self.updates_changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            {
                let mut st = self.lock();
                // Acknowledge only once; later rounds just look for new updates.
                let batch = st.take_updates(offset.take().unwrap_or(0), limit);
                if !batch.is_empty() || st.shutting_down {
                    return Ok(Value::Array(batch));
                }
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return Ok(json!([]));
            }
        }
    }

    async fn handle(
        &self,
        method: &str,
        p: &Map<String, Value>,
        file: Option<&UploadedFile>,
    ) -> Result<Value, Fail> {
        let lower = method.to_ascii_lowercase();
        if let Some(fail) = self.lock().check_faults(&lower, p) {
            return Err(fail);
        }
        if lower == "getupdates" {
            return self.get_updates(p).await;
        }
        self.lock().call(&lower, p, file)
    }
}

const INT_KEYS: &[&str] = &[
    "chat_id",
    "message_id",
    "from_chat_id",
    "user_id",
    "offset",
    "limit",
    "timeout",
    "reply_to_message_id",
    "message_thread_id",
    "cache_time",
];
const JSON_KEYS: &[&str] = &[
    "reply_markup",
    "entities",
    "caption_entities",
    "allowed_updates",
    "commands",
    "scope",
    "reply_parameters",
    "link_preview_options",
    "media",
];

/// Form values are strings: turn ids into numbers and JSON-typed fields into JSON.
fn normalize(params: &mut Map<String, Value>) {
    for (k, v) in params.iter_mut() {
        let Value::String(s) = v else { continue };
        if INT_KEYS.contains(&k.as_str()) {
            if let Ok(n) = s.trim().parse::<i64>() {
                *v = json!(n);
            }
        } else if JSON_KEYS.contains(&k.as_str()) {
            if let Ok(j) = serde_json::from_str::<Value>(s) {
                *v = j;
            }
        }
    }
}

/// Reads parameters from the query string and a JSON, urlencoded or multipart body.
async fn parse_request(req: Request) -> Result<(Map<String, Value>, Option<UploadedFile>), String> {
    let mut params = Map::new();
    let form = |params: &mut Map<String, Value>, bytes: &[u8]| {
        for (k, v) in url::form_urlencoded::parse(bytes) {
            params.insert(k.into_owned(), Value::String(v.into_owned()));
        }
    };
    if let Some(q) = req.uri().query() {
        form(&mut params, q.as_bytes());
    }
    let ctype = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut file = None;
    if ctype.starts_with("multipart/form-data") {
        let mut mp = Multipart::from_request(req, &())
            .await
            .map_err(|e| e.body_text())?;
        while let Some(field) = mp.next_field().await.map_err(|e| e.body_text())? {
            let name = field.name().unwrap_or("").to_owned();
            let file_name = field.file_name().map(str::to_owned);
            let bytes = field.bytes().await.map_err(|e| e.body_text())?;
            match file_name {
                Some(n) if file.is_none() => {
                    file = Some(UploadedFile {
                        name: n,
                        bytes: bytes.to_vec(),
                    })
                }
                Some(_) => {}
                None => {
                    params.insert(
                        name,
                        Value::String(String::from_utf8_lossy(&bytes).into_owned()),
                    );
                }
            }
        }
    } else {
        let body = axum::body::to_bytes(req.into_body(), MAX_BODY)
            .await
            .map_err(|e| e.to_string())?;
        if ctype.starts_with("application/x-www-form-urlencoded") {
            form(&mut params, &body);
        } else if !body.iter().all(u8::is_ascii_whitespace) {
            match serde_json::from_slice::<Value>(&body) {
                Ok(Value::Object(m)) => params.extend(m),
                Ok(_) => return Err("request body must be a JSON object".into()),
                Err(e) => return Err(format!("can't parse JSON: {e}")),
            }
        }
    }
    normalize(&mut params);
    Ok((params, file))
}

fn answer(status: u16, body: Value) -> Response {
    (
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        Json(body),
    )
        .into_response()
}

async fn api_handler(
    AxState(inner): AxState<Arc<Inner>>,
    Path((token, method)): Path<(String, String)>,
    req: Request,
) -> Response {
    if !token.starts_with("bot") {
        return answer(404, Fail::new(404, "Not Found").body());
    }
    let (params, file) = match parse_request(req).await {
        Ok(x) => x,
        Err(e) => {
            let fail = Fail::bad(format!("Bad Request: {e}"));
            let body = fail.body();
            inner.record(ApiCall {
                method,
                params: Value::Null,
                file: None,
                status: 400,
                response: body.clone(),
                at: Instant::now(),
            });
            return answer(400, body);
        }
    };
    let (http, status, body) = match inner.handle(&method, &params, file.as_ref()).await {
        Ok(result) => (200, 200, json!({"ok": true, "result": result})),
        Err(f) => (f.http, f.code, f.body()),
    };
    inner.record(ApiCall {
        method,
        params: Value::Object(params),
        file,
        status,
        response: body.clone(),
        at: Instant::now(),
    });
    answer(http, body)
}

/// `GET /file/bot<token>/files/<file_id>`: downloads a file known to the server.
async fn file_handler(
    AxState(inner): AxState<Arc<Inner>>,
    Path((_token, path)): Path<(String, String)>,
) -> Response {
    let id = path.rsplit('/').next().unwrap_or("");
    match inner.lock().files.get(id) {
        Some(f) => (StatusCode::OK, f.bytes.clone()).into_response(),
        None => answer(404, Fail::new(404, "Not Found").body()),
    }
}

/// Handle to a running fake Bot API server. Cheap to clone.
#[derive(Clone)]
pub struct FakeBotApi {
    inner: Arc<Inner>,
}

impl FakeBotApi {
    /// Binds `127.0.0.1:0` and serves in a background tokio task.
    pub async fn start() -> FakeBotApi {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a loopback port");
        let addr = listener
            .local_addr()
            .expect("local address of the listener");
        let (stop, mut stop_rx) = watch::channel(false);
        let inner = Arc::new(Inner {
            state: Mutex::new(State::new()),
            updates_changed: Notify::new(),
            call_made: Notify::new(),
            calls_tx: broadcast::channel(1024).0,
            addr,
            stop,
        });
        let app = Router::new()
            .route("/file/{token}/{*path}", get(file_handler))
            .route("/{token}/{method}", any(api_handler))
            .layer(DefaultBodyLimit::max(MAX_BODY))
            .with_state(inner.clone());
        tokio::spawn(async move {
            let stopped = async move {
                let _ = stop_rx.wait_for(|s| *s).await;
            };
            if let Err(e) = axum::serve(listener, app)
                .with_graceful_shutdown(stopped)
                .await
            {
                tracing::warn!("fake bot api server stopped: {e}");
            }
        });
        FakeBotApi { inner }
    }

    /// Base url, e.g. `http://127.0.0.1:PORT/`; clients call `{base}bot{token}/{method}`.
    pub fn url(&self) -> url::Url {
        url::Url::parse(&format!("http://{}/", self.inner.addr)).expect("valid loopback url")
    }

    /// The socket address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.inner.addr
    }

    /// Stops accepting connections and ends pending long polls.
    pub fn shutdown(&self) {
        self.inner.lock().shutting_down = true;
        self.inner.updates_changed.notify_waiters();
        let _ = self.inner.stop.send(true);
    }

    // ---- recorded calls -------------------------------------------------

    /// All recorded calls, in order.
    pub fn calls(&self) -> Vec<ApiCall> {
        self.inner.lock().calls.clone()
    }

    /// Recorded calls of one method (case-insensitive), in order.
    pub fn calls_of(&self, method: &str) -> Vec<ApiCall> {
        self.inner
            .lock()
            .calls
            .iter()
            .filter(|c| c.is(method))
            .cloned()
            .collect()
    }

    /// Recorded calls from index `start` on.
    pub fn calls_since(&self, start: usize) -> Vec<ApiCall> {
        self.inner
            .lock()
            .calls
            .get(start..)
            .unwrap_or_default()
            .to_vec()
    }

    /// Number of recorded calls.
    pub fn call_count(&self) -> usize {
        self.inner.lock().calls.len()
    }

    /// Forgets all recorded calls (and resets the mark).
    pub fn clear_calls(&self) {
        let mut st = self.inner.lock();
        st.calls.clear();
        st.mark = 0;
    }

    /// Sets the mark used by [`Self::wait_for_text`] to "now" and returns it
    /// (the current call count).
    pub fn mark(&self) -> usize {
        let mut st = self.inner.lock();
        st.mark = st.calls.len();
        st.mark
    }

    /// Texts of successful `sendMessage` and `editMessageText` calls to the chat, in order.
    pub fn sent_texts(&self, chat_id: i64) -> Vec<String> {
        let st = self.inner.lock();
        st.calls
            .iter()
            .filter(|c| is_text_to(c, chat_id))
            .filter_map(|c| c.text().map(str::to_owned))
            .collect()
    }

    /// Live feed of calls as they are recorded.
    pub fn subscribe(&self) -> broadcast::Receiver<ApiCall> {
        self.inner.calls_tx.subscribe()
    }

    /// Waits for the first call with index >= `start` matching `pred`.
    pub async fn wait_for_call_after(
        &self,
        start: usize,
        pred: impl Fn(&ApiCall) -> bool,
        timeout: Duration,
    ) -> Option<ApiCall> {
        let deadline = Instant::now() + timeout;
        loop {
            let notified = self.inner.call_made.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if let Some(c) = self.inner.lock().calls.iter().skip(start).find(|c| pred(c)) {
                return Some(c.clone());
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return None;
            }
        }
    }

    /// Waits for any recorded call (from the very first) matching `pred`.
    pub async fn wait_for_call(
        &self,
        pred: impl Fn(&ApiCall) -> bool,
        timeout: Duration,
    ) -> Option<ApiCall> {
        self.wait_for_call_after(0, pred, timeout).await
    }

    /// Waits, from the last [`Self::mark`], for a successful `sendMessage` or
    /// `editMessageText` to `chat_id` whose text contains `needle`.
    pub async fn wait_for_text(
        &self,
        chat_id: i64,
        needle: &str,
        timeout: Duration,
    ) -> Option<ApiCall> {
        let start = self.inner.lock().mark;
        self.wait_for_text_after(start, chat_id, needle, timeout)
            .await
    }

    /// Like [`Self::wait_for_text`] but from an explicit call index.
    pub async fn wait_for_text_after(
        &self,
        start: usize,
        chat_id: i64,
        needle: &str,
        timeout: Duration,
    ) -> Option<ApiCall> {
        let pred =
            |c: &ApiCall| is_text_to(c, chat_id) && c.text().is_some_and(|t| t.contains(needle));
        self.wait_for_call_after(start, pred, timeout).await
    }

    /// Waits until every pushed update was handed out by `getUpdates` and no
    /// call other than `getUpdates` happened for `quiet`. Gives up (false) after 30 s.
    pub async fn wait_idle(&self, quiet: Duration) -> bool {
        self.wait_idle_for(quiet, Duration::from_secs(30)).await
    }

    /// [`Self::wait_idle`] with an explicit upper bound.
    pub async fn wait_idle_for(&self, quiet: Duration, max: Duration) -> bool {
        let deadline = Instant::now() + max;
        loop {
            let (undelivered, last) = {
                let st = self.inner.lock();
                (st.has_undelivered(), st.last_activity)
            };
            let now = Instant::now();
            if !undelivered && now.duration_since(last) >= quiet {
                return true;
            }
            if now >= deadline {
                return false;
            }
            let wake = if undelivered {
                now + Duration::from_millis(5)
            } else {
                last + quiet
            };
            tokio::time::sleep_until(wake.min(deadline)).await;
        }
    }

    // ---- chat state -----------------------------------------------------

    /// A stored message (bot's or user's) as Telegram `Message` JSON.
    pub fn message(&self, chat_id: i64, message_id: i64) -> Option<Value> {
        self.inner
            .lock()
            .chats
            .get(&chat_id)?
            .messages
            .get(&message_id)
            .cloned()
    }

    /// All stored messages of a chat, by id.
    pub fn messages(&self, chat_id: i64) -> Vec<Value> {
        self.inner
            .lock()
            .chats
            .get(&chat_id)
            .map(|c| c.messages.values().cloned().collect())
            .unwrap_or_default()
    }

    /// The newest stored message sent by the bot to the chat.
    pub fn last_bot_message(&self, chat_id: i64) -> Option<Value> {
        self.messages(chat_id).into_iter().rev().find(is_from_bot)
    }

    /// Text (or caption, or "") of every stored bot message in the chat; failed
    /// sends store nothing, so this counts real deliveries. Reflects edits.
    pub fn delivered_texts(&self, chat_id: i64) -> Vec<String> {
        self.messages(chat_id)
            .iter()
            .filter(|m| is_from_bot(m))
            .map(|m| message_text(m).to_owned())
            .collect()
    }

    /// Inline buttons of a stored message, row by row: (text, callback_data, url).
    pub fn buttons(
        &self,
        chat_id: i64,
        message_id: i64,
    ) -> Vec<(String, Option<String>, Option<String>)> {
        self.message(chat_id, message_id)
            .map(|m| inline_buttons(&m))
            .unwrap_or_default()
    }

    /// The reply keyboard currently shown in the chat (set by `keyboard`, cleared by `remove_keyboard`).
    pub fn reply_keyboard(&self, chat_id: i64) -> Option<Value> {
        self.inner
            .lock()
            .chats
            .get(&chat_id)?
            .reply_keyboard
            .clone()
    }

    /// A file known by its `file_id` (uploaded by the bot or injected by a user).
    pub fn file(&self, file_id: &str) -> Option<UploadedFile> {
        self.inner.lock().files.get(file_id).cloned()
    }

    /// Number of updates not yet acknowledged by the bot.
    pub fn pending_updates(&self) -> usize {
        self.inner.lock().updates.len()
    }

    /// Sets a group's title (default "Group <id>").
    pub fn set_chat_title(&self, chat_id: i64, title: &str) {
        self.inner.lock().chats.entry(chat_id).or_default().title = Some(title.to_owned());
    }

    // ---- injecting updates ----------------------------------------------

    fn push(&self, build: impl FnOnce(&mut State) -> Value) -> i64 {
        let id = {
            let mut st = self.inner.lock();
            let update = build(&mut st);
            st.push_update(update)
        };
        self.inner.updates_changed.notify_waiters();
        id
    }

    /// Delivers an earlier update's content again under a new `update_id`, as Telegram does
    /// when the bot's acknowledgement was lost. Returns the new id.
    pub fn redeliver(&self, update_id: i64) -> i64 {
        self.push(|st| {
            let mut u = st.pushed.get(&update_id).cloned().expect("a pushed update");
            u.as_object_mut().expect("object").remove("update_id");
            u
        })
    }

    /// Pushes any update; `update_id` is assigned if missing. Returns the id.
    pub fn push_raw(&self, update: Value) -> i64 {
        self.push(|_| update)
    }

    fn push_user_message(&self, chat_id: i64, user: &FakeUser, fields: Map<String, Value>) -> i64 {
        self.push(|st| {
            st.users.insert(user.id, user.to_json());
            // a person who writes to the bot has opened it
            st.faults.not_started.remove(&user.id);
            json!({"message": st.store_message(chat_id, user.to_json(), fields)})
        })
    }

    /// A private-chat text message from `user` (bot commands get an entity).
    pub fn send_text(&self, user: &FakeUser, text: &str) -> i64 {
        self.push_user_message(user.id, user, text_fields(text))
    }

    /// A private-chat text message from `user`, stored in the chat but not queued for
    /// `getUpdates`: the `Update` JSON to deliver another way (e.g. POST it to a webhook).
    pub fn text_update(&self, user: &FakeUser, text: &str) -> Value {
        let mut st = self.inner.lock();
        st.users.insert(user.id, user.to_json());
        let message = st.store_message(user.id, user.to_json(), text_fields(text));
        let id = st.next_update_id;
        st.next_update_id += 1;
        json!({"update_id": id, "message": message})
    }

    /// The url given by the last `setWebhook` ("" when none or after `deleteWebhook`).
    pub fn webhook_url(&self) -> String {
        self.inner.lock().webhook_url.clone()
    }

    /// A text message from `user` in the supergroup `chat_id` (negative).
    pub fn send_group_text(&self, chat_id: i64, user: &FakeUser, text: &str) -> i64 {
        self.push_user_message(chat_id, user, text_fields(text))
    }

    /// A private photo message (two fake sizes) with an optional caption.
    pub fn send_photo(&self, user: &FakeUser, caption: Option<&str>) -> i64 {
        let seq = self.inner.lock().next_seq();
        let size = |w: u32, h: u32, tag: &str| json!({"file_id": format!("user-photo-{seq}-{tag}"), "file_unique_id": format!("uphoto-{seq}-{tag}"), "width": w, "height": h, "file_size": w * h / 10});
        let mut fields = Map::new();
        fields.insert(
            "photo".into(),
            json!([size(320, 240, "s"), size(1280, 960, "x")]),
        );
        if let Some(c) = caption {
            fields.insert("caption".into(), json!(c));
        }
        self.push_user_message(user.id, user, fields)
    }

    /// A private document message with an empty file.
    pub fn send_document(&self, user: &FakeUser, file_name: &str, caption: Option<&str>) -> i64 {
        self.send_document_bytes(user, file_name, Vec::new(), caption)
    }

    /// A private document message whose content the bot can fetch via `getFile`.
    pub fn send_document_bytes(
        &self,
        user: &FakeUser,
        file_name: &str,
        bytes: Vec<u8>,
        caption: Option<&str>,
    ) -> i64 {
        let id = {
            let mut st = self.inner.lock();
            let id = format!("user-doc-{}", st.next_seq());
            let size = bytes.len();
            st.files.insert(
                id.clone(),
                UploadedFile {
                    name: file_name.to_owned(),
                    bytes,
                },
            );
            json!({"file_id": id, "file_unique_id": format!("u{id}"), "file_name": file_name, "file_size": size})
        };
        let mut fields = Map::new();
        fields.insert("document".into(), id);
        if let Some(c) = caption {
            fields.insert("caption".into(), json!(c));
        }
        self.push_user_message(user.id, user, fields)
    }

    /// A `callback_query` for the button with `data` on message `message_id`. Returns the
    /// query's id, which the bot's `answerCallbackQuery` names (see [`Self::wait_for_answer`]).
    pub fn press_button(
        &self,
        user: &FakeUser,
        chat_id: i64,
        message_id: i64,
        data: &str,
    ) -> String {
        let mut query_id = String::new();
        self.push(|st| {
            st.users.insert(user.id, user.to_json());
            let message = st.chats.get(&chat_id).and_then(|c| c.messages.get(&message_id)).cloned().unwrap_or_else(|| {
                json!({"message_id": message_id, "date": now_unix(), "chat": st.chat_json(chat_id), "from": bot_user(), "text": ""})
            });
            query_id = format!("cbq-{}", st.next_seq());
            json!({"callback_query": {"id": query_id, "from": user.to_json(), "message": message, "chat_instance": format!("ci{chat_id}"), "data": data}})
        });
        query_id
    }

    /// Waits for the bot's `answerCallbackQuery` to the query `query_id` — not to any query:
    /// an earlier press may still be answered late (a handler that notifies others first).
    pub async fn wait_for_answer(&self, query_id: &str, timeout: Duration) -> Option<ApiCall> {
        let pred = |c: &ApiCall| {
            c.is("answerCallbackQuery")
                && c.params.get("callback_query_id").and_then(Value::as_str) == Some(query_id)
        };
        self.wait_for_call_after(0, pred, timeout).await
    }

    /// Presses the callback button whose text contains `needle` on the newest
    /// bot message in the chat that has one. `None` if there is no such button; else the
    /// query's id.
    pub fn press(&self, user: &FakeUser, chat_id: i64, needle: &str) -> Option<String> {
        let (mid, data) = self
            .messages(chat_id)
            .iter()
            .rev()
            .filter(|m| is_from_bot(m))
            .find_map(|m| {
                let mid = m.get("message_id")?.as_i64()?;
                inline_buttons(m).into_iter().find_map(|(text, data, _)| {
                    data.filter(|_| text.contains(needle)).map(|d| (mid, d))
                })
            })?;
        Some(self.press_button(user, chat_id, mid, &data))
    }

    /// `my_chat_member`: `by` added the bot to the supergroup `chat_id`.
    pub fn bot_added_to_group(&self, chat_id: i64, by: &FakeUser) -> i64 {
        self.push(|st| {
            st.users.insert(by.id, by.to_json());
            json!({"my_chat_member": {
                "chat": st.chat_json(chat_id), "from": by.to_json(), "date": now_unix(),
                "old_chat_member": {"user": bot_user(), "status": "left"},
                "new_chat_member": {"user": bot_user(), "status": "member"},
            }})
        })
    }

    /// `users` joined the supergroup `chat_id` (a service message with `new_chat_members`).
    pub fn users_joined_group(&self, chat_id: i64, users: &[FakeUser]) -> i64 {
        self.push(|st| {
            let members: Vec<Value> = users.iter().map(FakeUser::to_json).collect();
            for u in users {
                st.users.insert(u.id, u.to_json());
            }
            let mut fields = Map::new();
            fields.insert("new_chat_members".into(), json!(members));
            let from = users
                .first()
                .map(FakeUser::to_json)
                .unwrap_or_else(bot_user);
            json!({"message": st.store_message(chat_id, from, fields)})
        })
    }

    /// The group `old` becomes the supergroup `new`, as Telegram does it: with `service`,
    /// the service messages (`migrate_to_chat_id` in the old chat, `migrate_from_chat_id` in
    /// the new one) are pushed; either way every later send to the old id fails with «Bad
    /// Request: group chat was upgraded to a supergroup chat» and
    /// `parameters.migrate_to_chat_id`.
    pub fn migrate_group(&self, old: i64, new: i64, by: &FakeUser, service: bool) {
        {
            let mut st = self.inner.lock();
            st.faults.migrated.insert(old, new);
            let title = st.chats.get(&old).and_then(|c| c.title.clone());
            st.chats.entry(new).or_default().title = title;
        }
        if service {
            for (chat, key, id) in [
                (old, "migrate_to_chat_id", new),
                (new, "migrate_from_chat_id", old),
            ] {
                self.push(|st| {
                    st.users.insert(by.id, by.to_json());
                    let mut fields = Map::new();
                    fields.insert(key.into(), json!(id));
                    json!({"message": st.store_message(chat, by.to_json(), fields)})
                });
            }
        }
    }

    // ---- failure injection ----------------------------------------------

    /// While set, private sends to `user_id` answer 403 «Forbidden: bot can't initiate
    /// conversation with a user» (granted from the CLI, never opened the bot); cleared when
    /// the person sends anything.
    pub fn set_not_started(&self, user_id: i64, on: bool) {
        let mut st = self.inner.lock();
        if on {
            st.faults.not_started.insert(user_id);
        } else {
            st.faults.not_started.remove(&user_id);
        }
    }

    /// While set, sends to the supergroup `chat_id` answer 403 «Forbidden: bot is not a member
    /// of the supergroup chat».
    pub fn set_not_member(&self, chat_id: i64, on: bool) {
        let mut st = self.inner.lock();
        if on {
            st.faults.not_member.insert(chat_id);
        } else {
            st.faults.not_member.remove(&chat_id);
        }
    }

    /// While set, sends/edits to `chat_id` answer 403 (blocked / kicked).
    pub fn set_blocked(&self, chat_id: i64, blocked: bool) {
        let mut st = self.inner.lock();
        if blocked {
            st.faults.blocked.insert(chat_id);
        } else {
            st.faults.blocked.remove(&chat_id);
        }
    }

    /// Answers a `rate` fraction of all calls (getUpdates included; no update is
    /// lost) with HTTP 500 "Internal Server Error". `rate <= 0` turns it off.
    /// teloxide sleeps 10 s after each HTTP 5xx; see [`Self::fail_randomly_with_status`].
    pub fn fail_randomly(&self, rate: f64, seed: u64) {
        self.fail_randomly_with_status(rate, seed, 500);
    }

    /// Like [`Self::fail_randomly`], but the HTTP status is `http_status` (e.g. 200
    /// to avoid teloxide's 10 s sleep); the body still says error_code 500.
    pub fn fail_randomly_with_status(&self, rate: f64, seed: u64, http_status: u16) {
        self.inner.lock().faults.random = (rate > 0.0).then(|| (rate, Rng::new(seed), http_status));
    }

    /// Sends (send*/edit*/copy*/forward*, not sendChatAction) beyond these
    /// per-second limits answer 429 with retry_after 1. Zero means unlimited.
    pub fn rate_limit(&self, per_chat_per_sec: u32, global_per_sec: u32) {
        let mut st = self.inner.lock();
        st.faults.limits = (per_chat_per_sec > 0 || global_per_sec > 0)
            .then_some((per_chat_per_sec, global_per_sec));
        st.faults.chat_sends.clear();
        st.faults.global_sends.clear();
    }
}

fn is_text_to(c: &ApiCall, chat_id: i64) -> bool {
    c.ok() && (c.is("sendMessage") || c.is("editMessageText")) && c.chat_id() == Some(chat_id)
}

fn is_from_bot(m: &Value) -> bool {
    m.get("from")
        .and_then(|f| f.get("id"))
        .and_then(Value::as_i64)
        == Some(BOT_ID)
}

fn message_text(m: &Value) -> &str {
    m.get("text")
        .or_else(|| m.get("caption"))
        .and_then(Value::as_str)
        .unwrap_or("")
}

fn inline_buttons(m: &Value) -> Vec<(String, Option<String>, Option<String>)> {
    let s = |b: &Value, k: &str| b.get(k).and_then(Value::as_str).map(str::to_owned);
    let rows = m
        .get("reply_markup")
        .and_then(|r| r.get("inline_keyboard"))
        .and_then(Value::as_array);
    rows.into_iter()
        .flatten()
        .filter_map(Value::as_array)
        .flatten()
        .map(|b| {
            (
                s(b, "text").unwrap_or_default(),
                s(b, "callback_data"),
                s(b, "url"),
            )
        })
        .collect()
}

/// `text` plus a `bot_command` entity when the text starts with '/'.
fn text_fields(text: &str) -> Map<String, Value> {
    let mut fields = Map::new();
    fields.insert("text".into(), json!(text));
    if text.starts_with('/') {
        let word = text.split_whitespace().next().unwrap_or("");
        fields.insert(
            "entities".into(),
            json!([{"type": "bot_command", "offset": 0, "length": word.encode_utf16().count()}]),
        );
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }

    fn ids(batch: &[Value]) -> Vec<i64> {
        batch.iter().map(uid).collect()
    }

    #[test]
    fn offset_semantics_follow_telegram() {
        let mut st = State::new();
        for _ in 0..3 {
            st.push_update(json!({"message": {}}));
        }
        assert_eq!(ids(&st.take_updates(0, 100)), vec![1, 2, 3]);
        // Not acknowledged yet: delivered again with the old offset.
        assert_eq!(ids(&st.take_updates(0, 2)), vec![1, 2]);
        assert_eq!(ids(&st.take_updates(3, 100)), vec![3]);
        assert_eq!(st.updates.len(), 1);
        assert_eq!(ids(&st.take_updates(4, 100)), Vec::<i64>::new());
        assert!(st.updates.is_empty());
        assert_eq!(st.push_update(json!({})), 4);
        assert_eq!(st.push_update(json!({"update_id": 10})), 10);
        assert_eq!(st.push_update(json!({})), 11);
        assert_eq!(ids(&st.take_updates(-1, 100)), vec![11]);
    }

    #[test]
    fn undelivered_tracking() {
        let mut st = State::new();
        assert!(!st.has_undelivered());
        st.push_update(json!({}));
        assert!(st.has_undelivered());
        st.take_updates(0, 100);
        assert!(!st.has_undelivered());
    }

    #[test]
    fn form_values_are_normalised() {
        let mut p = params(
            json!({"chat_id": " -100 ", "message_id": "7", "text": "42", "reply_markup": "{\"inline_keyboard\":[]}"}),
        );
        normalize(&mut p);
        assert_eq!(p["chat_id"], json!(-100));
        assert_eq!(p["message_id"], json!(7));
        assert_eq!(p["text"], json!("42"));
        assert_eq!(p["reply_markup"], json!({"inline_keyboard": []}));
    }

    #[test]
    fn command_entity_counts_utf16() {
        let f = text_fields("/старт 😀 x");
        assert_eq!(f["entities"][0]["length"], json!(6));
        assert!(!text_fields("hi /start").contains_key("entities"));
    }

    #[test]
    fn send_then_edit_and_not_modified() {
        let mut st = State::new();
        let kb = json!({"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]});
        let m = st
            .call(
                "sendmessage",
                &params(json!({"chat_id": 5, "text": "hi", "reply_markup": kb})),
                None,
            )
            .unwrap();
        assert_eq!(m["message_id"], json!(1));
        assert_eq!(
            inline_buttons(&m),
            vec![("A".to_owned(), Some("a".to_owned()), None)]
        );
        let same = params(json!({"chat_id": 5, "message_id": 1, "text": "hi", "reply_markup": kb}));
        assert_eq!(
            st.call("editmessagetext", &same, None)
                .unwrap_err()
                .description,
            NOT_MODIFIED
        );
        // Without reply_markup the keyboard is removed, so this is a change.
        let e = st
            .call(
                "editmessagetext",
                &params(json!({"chat_id": 5, "message_id": 1, "text": "hi"})),
                None,
            )
            .unwrap();
        assert!(e.get("reply_markup").is_none());
        let missing = st
            .call(
                "editmessagereplymarkup",
                &params(json!({"chat_id": 5, "message_id": 9})),
                None,
            )
            .unwrap_err();
        assert_eq!(
            missing.description,
            "Bad Request: message to edit not found"
        );
        assert!(st
            .call(
                "sendmessage",
                &params(json!({"chat_id": 5, "text": " "})),
                None
            )
            .is_err());
    }

    #[test]
    fn faults_block_and_rate_limit() {
        let mut st = State::new();
        let p = params(json!({"chat_id": 7, "text": "x"}));
        st.faults.blocked.insert(7);
        assert_eq!(
            st.check_faults("sendmessage", &p).map(|f| f.code),
            Some(403)
        );
        assert_eq!(st.check_faults("getme", &p), None);
        st.faults.blocked.clear();
        st.faults.limits = Some((2, 0));
        assert_eq!(st.check_faults("sendmessage", &p), None);
        assert_eq!(st.check_faults("sendmessage", &p), None);
        let f = st.check_faults("sendmessage", &p).unwrap();
        assert_eq!((f.code, f.retry_after), (429, Some(1)));
        assert_eq!(
            st.check_faults("sendmessage", &params(json!({"chat_id": 8}))),
            None
        );
    }

    #[test]
    fn telegrams_real_answers() {
        let mut st = State::new();
        // the 4096 limit counts UTF-16 code units: 2048 emoji fit, one more does not
        let fits = "😀".repeat(2048);
        assert!(st
            .call(
                "sendmessage",
                &params(json!({"chat_id": 5, "text": fits})),
                None
            )
            .is_ok());
        let long = format!("{fits}a");
        assert_eq!(
            st.call(
                "sendmessage",
                &params(json!({"chat_id": 5, "text": long})),
                None
            )
            .unwrap_err()
            .description,
            "Bad Request: message is too long"
        );
        let caption = "😀".repeat(513);
        assert_eq!(
            st.call(
                "sendphoto",
                &params(json!({"chat_id": 5, "photo": "F", "caption": caption})),
                None
            )
            .unwrap_err()
            .description,
            "Bad Request: message caption is too long"
        );
        // 403s with Telegram's own texts
        let p = params(json!({"chat_id": 7, "text": "x"}));
        st.faults.not_started.insert(7);
        let f = st.check_faults("sendmessage", &p).unwrap();
        assert_eq!(
            (f.code, f.description.as_str()),
            (403, FORBIDDEN_NOT_STARTED)
        );
        let g = params(json!({"chat_id": -9, "text": "x"}));
        st.faults.not_member.insert(-9);
        assert_eq!(
            st.check_faults("sendmessage", &g).unwrap().description,
            FORBIDDEN_NOT_MEMBER
        );
        // a group that became a supergroup: 400 with parameters.migrate_to_chat_id
        let old = params(json!({"chat_id": -5, "text": "x"}));
        st.faults.migrated.insert(-5, -1005);
        let f = st.check_faults("sendmessage", &old).unwrap();
        assert_eq!(
            f.body(),
            json!({"ok": false, "error_code": 400, "description": UPGRADED_TO_SUPERGROUP, "parameters": {"migrate_to_chat_id": -1005}})
        );
        assert_eq!(st.chat_json(-5)["type"], json!("group"));
    }

    #[tokio::test]
    async fn migration_service_messages_and_a_person_who_writes_has_started() {
        let api = FakeBotApi::start().await;
        let by = FakeUser::new(1, "A");
        api.set_not_started(1, true);
        api.migrate_group(-5, -1005, &by, true);
        let updates = api
            .inner
            .get_updates(&params(json!({"timeout": 0})))
            .await
            .unwrap();
        let msgs: Vec<&Value> = updates
            .as_array()
            .unwrap()
            .iter()
            .map(|u| &u["message"])
            .collect();
        assert_eq!(
            (
                msgs[0]["chat"]["id"].clone(),
                msgs[0]["migrate_to_chat_id"].clone()
            ),
            (json!(-5), json!(-1005))
        );
        assert_eq!(
            (
                msgs[1]["chat"]["id"].clone(),
                msgs[1]["migrate_from_chat_id"].clone()
            ),
            (json!(-1005), json!(-5))
        );
        assert!(api.inner.lock().faults.not_started.contains(&1));
        api.send_text(&by, "/start");
        assert!(!api.inner.lock().faults.not_started.contains(&1));
        api.shutdown();
    }

    #[test]
    fn random_failures_are_deterministic() {
        let run = |seed| {
            let mut st = State::new();
            st.faults.random = Some((0.3, Rng::new(seed), 500));
            (0..200)
                .map(|_| st.check_faults("getme", &Map::new()).is_some())
                .collect::<Vec<_>>()
        };
        let a = run(42);
        assert_eq!(a, run(42));
        let n = a.iter().filter(|x| **x).count();
        assert!((30..90).contains(&n), "{n}");
    }

    #[tokio::test]
    async fn long_poll_wakes_on_push() {
        let api = FakeBotApi::start().await;
        let inner = api.inner.clone();
        let poll =
            tokio::spawn(async move { inner.get_updates(&params(json!({"timeout": 5}))).await });
        tokio::time::sleep(Duration::from_millis(50)).await;
        let id = api.send_text(&FakeUser::new(1, "A"), "/start");
        let got = poll.await.unwrap().unwrap();
        assert_eq!(ids(got.as_array().unwrap()), vec![id]);
        let empty = api
            .inner
            .get_updates(&params(json!({"offset": id + 1, "timeout": 0})))
            .await
            .unwrap();
        assert_eq!(empty, json!([]));
        assert_eq!(api.pending_updates(), 0);
        api.shutdown();
    }
}
