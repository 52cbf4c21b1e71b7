// Referents of claims: whether two claims can be about the same event at all, before any
// similarity of their words counts. A claim anchored to another time ("Xi visited Russia in
// March 2023", in an article of January 2025) is not the event the other outlets report, and
// two sentences that share words but no time frame are not one fact.
//
// Example:
//   Claim visit = AnalyzeSentence("Xi visited Russia in March 2023, welcomed by Putin.");
//   Claim call = AnalyzeSentence("Putin welcomed Xi warmly during the call.");
//   SameTimeFrame(visit, Date{2025, 1, 21}, call, Date{2025, 1, 21});  // false
//
// Thread safety: pure functions.
#ifndef CROSSCLAIM_CLUSTER_REFERENTS_H_
#define CROSSCLAIM_CLUSTER_REFERENTS_H_

#include <optional>
#include <vector>

#include "core/claims.h"
#include "core/document.h"

namespace crossclaim {

// The dates of `claim` that anchor it to another time than its article's: a date with a
// year whose year and month (when given) lie two months or more from `published` (a year
// alone: a different year). Empty when `published` is unknown.
std::vector<DateMention> TimeAnchors(const Claim& claim, const std::optional<Date>& published);

// False when one claim is anchored to another time (TimeAnchors) that the other claim does
// not state (no date of the other agrees in year and, when both give it, month). Claims
// with no anchors are in the same time frame. Each claim's anchors are measured against its
// own article's date, or the other's when its own is unknown.
bool SameTimeFrame(const Claim& a, const std::optional<Date>& published_a, const Claim& b,
                   const std::optional<Date>& published_b);

// Whether two claims state one specific detail alike: the same amount (equal value and unit,
// not a bare count under 10: "two countries" is not specific) or a date with its year that
// agrees ("February 2022" and "2022"; a year naming an event, "the 2012 election cycle", is
// no detail). Evidence that two differently worded sentences report one fact.
bool SharesSpecifics(const Claim& a, const Claim& b);

// Whether every content word the two claims share (stop words and name words left out) follows
// a pointer word in one of them ("Obama made the same argument on the stump." / "The Obama
// campaign is disputing that argument."): what the words refer to lies outside the sentences,
// so their likeness says nothing about one fact. False when they share no such word. Words are
// compared by their first five letters, so that an inflection said outright counts ("he
// understands the mistrust" / "I understand that mistrust" share "understand").
bool SharedWordsPointElsewhere(const Claim& a, const Claim& b);

// Whether the two claims share no word (stop words left out, compared as above; name words
// count: "Christian" in "He says he is a Christian." / "I believe the president's Christian")
// besides the words that name their speaker and say that he spoke: "Jane Roe, the head of the
// union, said the strike was not about pay." / "“We stand by our members,” union head Jane
// Roe said in a statement." give one speaker two statements. One speaker is no evidence of
// one fact then.
bool OnlyTheSpeakerInCommon(const Claim& a, const Claim& b);

// Whether the two claims name one weekday of two weeks: "next Tuesday's debate" (a week to
// come) against "the debate on Tuesday was ..." (a claim that speaks in the past only) or
// "last Tuesday". Two debates, two meetings: not one fact, however alike their words. A
// weekday the other claim gives with "next" or "this", or in a claim that speaks of the future
// ("will", "would"), may be the same day.
bool WeekdaysOfTwoWeeks(const Claim& a, const Claim& b);

// Whether one claim reports a reaction (its subject "defended", "criticized", "declined" ...)
// and the other describes, with no speaker, no quotation and no reaction of its own, what a
// picture shows ("shows", "depicts", "a picture of"): "Newsweek has defended the photo, saying
// ..." / "The cover shows the candidate against a blue background." are the thing and the
// answer to it, two facts. Other claims without a speaker are not taken as descriptions: they
// mostly report the event the reaction is to ("Obama condemns the murder" / "Barbaric murder
// shocks the world" are one story).
bool ReactionBesideDescription(const Claim& a, const Claim& b);

// Whether the two claims give a shared word the same two names in swapped roles: "Smith
// followed Jones on Twitter" / "Jones followed Smith on Twitter" (who did what to whom). The
// word is a past action (it ends in "ed", no article before it); the names are the nearest
// before and after it, none joined by "and", "with", "between" (a meeting of two has no
// order); a passive ("was followed by Smith") turns its claim's roles around. Pronouns are not
// resolved, so "she followed him" is no case.
bool RolesSwapped(const Claim& a, const Claim& b);

}  // namespace crossclaim

#endif  // CROSSCLAIM_CLUSTER_REFERENTS_H_
