// JSON text for output. nlohmann's dump() throws type_error 316 on a string that is not
// valid UTF-8; every writer of crossclaim goes through DumpJson instead, which writes
// U+FFFD for such bytes, so no input can make an output abort.
//
// Example:
//   std::cout << DumpJson(report, 2) << "\n";
#ifndef CROSSCLAIM_CORE_JSON_TEXT_H_
#define CROSSCLAIM_CORE_JSON_TEXT_H_

#include <nlohmann/json.hpp>
#include <string>

namespace crossclaim {

// `value` as JSON text (`indent` < 0: one line), invalid UTF-8 replaced with U+FFFD.
// Works for nlohmann::json and nlohmann::ordered_json.
template <class Json>
std::string DumpJson(const Json& value, int indent = -1) {
  return value.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace crossclaim

#endif  // CROSSCLAIM_CORE_JSON_TEXT_H_
