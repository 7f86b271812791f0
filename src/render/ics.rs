//! iCalendar (RFC 5545): one all-day event per deadline, with display alarms 7 days and 1 day
//! before.
//!
//! The export is reproducible: UIDs come from the step id and the deadline kind
//! (`residence.register.legal@mynumber`), so re-importing updates the events instead of
//! duplicating them; DTSTAMP is midnight UTC of the plan's `today`; alarm UIDs are set, so the
//! library never invents random ones. An all-day event ends the day after it starts (DTEND is
//! exclusive, RFC 5545 §3.6.1).

use std::fmt::Write as _;
use std::io::Write;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, Property, Trigger};

use super::item_line;
use super::{Style, bring, place_name};
use crate::checklist::household::{Row, Sheet};
use crate::checklist::{Ask, Checklist};
use crate::engine::{Plan, PlannedStep, Status};
use crate::kb::Kb;
use crate::kb::schema::DeadlineKind;
use crate::kb::text::Lang;
use crate::wording::checklist as words;
use crate::wording::notes;
use crate::wording::{day, messages};

const DOMAIN: &str = "mynumber";

/// The stable UID of a step's deadline event.
pub(crate) fn uid(step_id: &str, kind: &str) -> String {
    format!("{step_id}.{kind}@{DOMAIN}")
}

fn stamp(today: NaiveDate) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&today.and_time(chrono::NaiveTime::MIN))
}

fn calendar(lang: Lang) -> Calendar {
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//mynumber//mynumber//EN"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .append_property(("METHOD", "PUBLISH"));
    cal.name(messages::calendar_name().get(lang));
    cal
}

/// An all-day event on `date` with the two reminders.
fn all_day(
    uid: &str,
    date: NaiveDate,
    summary: &str,
    description: &str,
    stamp: chrono::DateTime<Utc>,
    lang: Lang,
) -> Event {
    let end = date.succ_opt().unwrap_or(date);
    let mut ev = Event::new();
    ev.uid(uid)
        .timestamp(stamp)
        .starts(date)
        .ends(end)
        .summary(summary)
        .description(description);
    let base = uid.trim_end_matches(&format!("@{DOMAIN}"));
    for (days, tag) in [(7, "7d"), (1, "1d")] {
        let text = if days == 1 {
            messages::reminder_one_day(summary)
        } else {
            messages::reminder_days(days, summary)
        };
        let text = text.get(lang);
        let mut alarm = Alarm::display(text, Trigger::before_start(Duration::days(days)));
        // The same trigger, written the way people read it ("-P7D", not "-PT604800S").
        alarm
            .append_property(Property::new("TRIGGER", format!("-P{days}D")))
            .uid(&format!("{base}.alarm-{tag}@{DOMAIN}"))
            .timestamp(stamp);
        ev.alarm(alarm);
    }
    ev.done()
}

fn summary(p: &PlannedStep<'_>, lang: Lang) -> String {
    let title = p.step.decl.title.get(lang);
    let summary = match p.deadline_kind {
        Some(DeadlineKind::Expected) => messages::event_expected(title),
        Some(DeadlineKind::Recommended) => messages::event_recommended(title),
        _ => messages::event_deadline(title),
    };
    summary.get(lang).to_string()
}

fn description(kb: &Kb, p: &PlannedStep<'_>, lang: Lang) -> String {
    let d = &p.step.decl;
    let mut lines = vec![p.summary.get(lang).to_string()];
    let place = place_name(kb, p.step.rules.place);
    lines.push(messages::event_where(place.get(lang)).get(lang).to_string());
    let items: Vec<String> = bring(kb, p)
        .iter()
        .map(|t| t.get(lang).to_string())
        .collect();
    if !items.is_empty() {
        let items = items.join(messages::item_separator(lang));
        let bring = messages::labelled(words::documents().get(lang), items);
        lines.push(bring.get(lang).to_string());
    }
    lines.extend(notes::warnings(p).map(|w| w.get(lang).to_string()));
    lines.push(format!("mynumber explain {}", d.id.get_ref()));
    lines.join("\n")
}

fn deadline_events(kb: &Kb, steps: &[PlannedStep<'_>], today: NaiveDate, lang: Lang) -> Vec<Event> {
    let stamp = stamp(today);
    steps
        .iter()
        .filter(|p| p.status != Status::Done)
        .filter_map(|p| {
            let (date, kind) = (p.deadline?, p.deadline_kind?);
            Some(all_day(
                &uid(p.id(), kind.key()),
                date,
                &summary(p, lang),
                &description(kb, p, lang),
                stamp,
                lang,
            ))
        })
        .collect()
}

fn write(cal: &Calendar, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(cal.to_string().as_bytes())
}

pub(crate) fn render(
    kb: &Kb,
    plan: &Plan<'_>,
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut cal = calendar(style.lang);
    cal.extend(deadline_events(kb, &plan.steps, plan.today, style.lang));
    write(&cal.done(), out)
}

/// The visit (on `when.0`, made on `when.1`) as one all-day event at the office: `lines`, then
/// the questions to ask at the counter, in the description. `tag` tells the household's visit
/// from a single person's in the event's id.
fn visit_event(
    kb: &Kb,
    tag: &str,
    (visit, today): (NaiveDate, NaiveDate),
    mut lines: Vec<String>,
    asks: &[Ask],
    lang: Lang,
) -> Event {
    if !asks.is_empty() {
        lines.push(
            messages::list_heading(words::asks().get(lang))
                .get(lang)
                .to_string(),
        );
        lines.extend(asks.iter().map(|a| format!("- {}", a.text.ja)));
    }
    let summary = format!("{} — {}", words::title().get(lang), day(visit, lang));
    let mut ev = all_day(
        &format!("visit.{}{tag}@{DOMAIN}", visit.format("%Y%m%d")),
        visit,
        &summary,
        &lines.join("\n"),
        stamp(today),
        lang,
    );
    ev.location(place_name(kb, kb.roles.office).get(lang));
    ev.done()
}

/// The visit as an all-day event (what to bring in the description), then the deadlines of the
/// visit's steps.
pub(crate) fn render_checklist(
    kb: &Kb,
    c: &Checklist<'_>,
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = style.lang;
    let mut cal = calendar(lang);
    if !c.steps.is_empty() {
        let titles: Vec<&str> = c
            .steps
            .iter()
            .map(|p| p.step.decl.title.get(lang))
            .collect();
        let mut lines: Vec<String> = Vec::new();
        lines.extend(c.warnings.iter().map(|w| format!("! {}", w.get(lang))));
        lines.push(
            messages::list_heading(words::steps().get(lang))
                .get(lang)
                .to_string(),
        );
        lines.extend(titles.iter().map(|t| format!("- {t}")));
        lines.push(
            messages::list_heading(words::documents().get(lang))
                .get(lang)
                .to_string(),
        );
        lines.extend(
            c.documents
                .iter()
                .map(|n| format!("- {}", item_line(&n.item.name, lang))),
        );
        if !c.pins.is_empty() {
            lines.push(
                messages::list_heading(words::pins().get(lang))
                    .get(lang)
                    .to_string(),
            );
            lines.extend(
                c.pins
                    .iter()
                    .map(|n| format!("- {}", n.item.name.get(lang))),
            );
        }
        let when = (c.visit, c.today);
        cal.push(visit_event(kb, "", when, lines, &c.asks, lang));
    }
    cal.extend(deadline_events(kb, &c.steps, c.today, lang));
    write(&cal.done(), out)
}

/// A member's name in a UID: ASCII letters and digits kept, every other byte as `%XX`, so two
/// names never give the same UID and the UID stays the same from one export to the next.
fn uid_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// One event per step deadline per member (`residence.register.legal.Ana@mynumber`): a step
/// filed once for the household still reminds each member it covers, and a member's events
/// keep their UIDs when the household's rows are merged or split differently later.
fn member_events(kb: &Kb, rows: &[Row<'_>], today: NaiveDate, lang: Lang) -> Vec<Event> {
    let stamp = stamp(today);
    let mut events = Vec::new();
    for r in rows {
        let p = &r.step;
        let (Some(date), Some(kind)) = (p.deadline, p.deadline_kind) else {
            continue;
        };
        if p.status == Status::Done {
            continue;
        }
        // The same for every member the row covers: worked out once.
        let step_summary = summary(p, lang);
        let mut description = description(kb, p, lang);
        if r.who.len() > 1 {
            let filed = messages::filed_once_for(r.who.join(messages::list_separator(lang)));
            let _ = write!(description, "\n{}", filed.get(lang));
        }
        for name in &r.who {
            let summary = messages::event_for_member(&step_summary, name)
                .get(lang)
                .to_string();
            events.push(all_day(
                &format!("{}.{}.{}@{DOMAIN}", p.id(), kind.key(), uid_name(name)),
                date,
                &summary,
                &description,
                stamp,
                lang,
            ));
        }
    }
    events
}

/// `plan --household --format ics`.
pub(crate) fn render_household(
    kb: &Kb,
    today: NaiveDate,
    rows: &[Row<'_>],
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut cal = calendar(style.lang);
    cal.extend(member_events(kb, rows, today, style.lang));
    write(&cal.done(), out)
}

/// `checklist --household --format ics`: the visit as one all-day event (the procedures with
/// whom they cover, the shared documents, each person's documents), then each member's
/// deadlines of the visit's steps.
pub(crate) fn render_household_checklist(
    kb: &Kb,
    s: &Sheet<'_>,
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = style.lang;
    let sep = messages::list_separator(lang);
    let mut cal = calendar(lang);
    if !s.steps.is_empty() {
        let mut lines: Vec<String> = Vec::new();
        lines.extend(s.warnings.iter().map(|w| format!("! {}", w.get(lang))));
        lines.push(
            messages::list_heading(words::steps().get(lang))
                .get(lang)
                .to_string(),
        );
        lines.extend(s.steps.iter().map(|r| {
            let who = messages::in_brackets(r.who.join(sep));
            format!("- {}{}", r.step.step.decl.title.get(lang), who.get(lang))
        }));
        if !s.shared.is_empty() {
            lines.push(
                messages::list_heading(messages::bring_once().get(lang))
                    .get(lang)
                    .to_string(),
            );
            lines.extend(
                s.shared
                    .iter()
                    .map(|(n, _)| format!("- {}", item_line(&n.item.name, lang))),
            );
        }
        for p in &s.people {
            if p.documents.is_empty() && p.pins.is_empty() && p.child.is_empty() {
                continue;
            }
            lines.push(messages::list_heading(&p.name).get(lang).to_string());
            lines.extend(
                p.documents
                    .iter()
                    .chain(&p.pins)
                    .map(|n| format!("- {}", item_line(&n.item.name, lang))),
            );
            lines.extend(p.child.iter().map(|c| format!("! {}", c.get(lang))));
        }
        let when = (s.visit, s.today);
        cal.push(visit_event(kb, ".household", when, lines, &s.asks, lang));
    }
    cal.extend(member_events(kb, &s.steps, s.today, lang));
    write(&cal.done(), out)
}
