#include "cluster/referents.h"

#include <cstdlib>

namespace crossclaim {

std::vector<DateMention> TimeAnchors(const Claim& claim, const std::optional<Date>& published) {
  std::vector<DateMention> out;
  if (!published) return out;
  for (const DateMention& d : claim.dates) {
    if (d.year == 0) continue;
    bool far = d.month == 0
                   ? d.year != published->year
                   : std::abs((d.year - published->year) * 12 + d.month - published->month) >= 2;
    if (far) out.push_back(d);
  }
  return out;
}

namespace {

bool States(const Claim& other, const DateMention& anchor) {
  for (const DateMention& d : other.dates) {
    if (d.year != anchor.year) continue;
    if (d.month != 0 && anchor.month != 0 && d.month != anchor.month) continue;
    return true;
  }
  return false;
}

bool AnchorsShared(const Claim& from, const std::optional<Date>& published, const Claim& other) {
  for (const DateMention& anchor : TimeAnchors(from, published)) {
    if (!States(other, anchor)) return false;
  }
  return true;
}

}  // namespace

bool SameTimeFrame(const Claim& a, const std::optional<Date>& published_a, const Claim& b,
                   const std::optional<Date>& published_b) {
  const std::optional<Date>& pa = published_a ? published_a : published_b;
  const std::optional<Date>& pb = published_b ? published_b : published_a;
  return AnchorsShared(a, pa, b) && AnchorsShared(b, pb, a);
}

bool SharesSpecifics(const Claim& a, const Claim& b) {
  for (const NumberMention& x : a.numbers) {
    if (x.unit.empty() && x.value < 10) continue;
    for (const NumberMention& y : b.numbers) {
      if (x.value == y.value && x.unit == y.unit) return true;
    }
  }
  for (const DateMention& x : a.dates) {
    if (x.year != 0 && States(b, x)) return true;
  }
  return false;
}

}  // namespace crossclaim
