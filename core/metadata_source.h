// The fields of a MetadataSource by name, for the writers that store or send them all
// (report JSON, the SQLite index, MPI packing) so that none lists them by hand.
//
// Example:
//   for (const auto& [name, value] : NamedFields(doc.metadata_source)) out[name] = *value;
#ifndef CROSSCLAIM_CORE_METADATA_SOURCE_H_
#define CROSSCLAIM_CORE_METADATA_SOURCE_H_

#include <array>
#include <string>
#include <utility>

#include "core/document.h"

namespace crossclaim {

// {"outlet", &from.outlet}, then url, published, title, author, source: declaration order.
inline std::array<std::pair<const char*, const std::string*>, 6> NamedFields(
    const MetadataSource& from) {
  return {{{"outlet", &from.outlet},
           {"url", &from.url},
           {"published", &from.published},
           {"title", &from.title},
           {"author", &from.author},
           {"source", &from.source}}};
}

inline std::array<std::pair<const char*, std::string*>, 6> NamedFields(MetadataSource& from) {
  return {{{"outlet", &from.outlet},
           {"url", &from.url},
           {"published", &from.published},
           {"title", &from.title},
           {"author", &from.author},
           {"source", &from.source}}};
}

}  // namespace crossclaim

#endif  // CROSSCLAIM_CORE_METADATA_SOURCE_H_
