// The fields of a MetadataSource by name, for the writers that store or send them all
// (report JSON, the SQLite index, MPI packing) so that none lists them by hand.
//
// Example:
//   for (const auto& [name, value] : NamedFields(doc.metadata_source)) out[name] = *value;
#ifndef CROSSCLAIM_CORE_METADATA_SOURCE_H_
#define CROSSCLAIM_CORE_METADATA_SOURCE_H_

#include <array>
#include <string>
#include <type_traits>
#include <utility>

#include "core/document.h"

namespace crossclaim {

// {"outlet", &from.outlet}, then url, published, title, author, source: declaration order.
// `M` is MetadataSource or const MetadataSource (pointers to const strings).
template <typename M>
requires std::is_same_v<std::remove_const_t<M>, MetadataSource>
auto NamedFields(M& from) {
  using Field = std::conditional_t<std::is_const_v<M>, const std::string, std::string>;
  return std::array<std::pair<const char*, Field*>, 6>{{{"outlet", &from.outlet},
                                                        {"url", &from.url},
                                                        {"published", &from.published},
                                                        {"title", &from.title},
                                                        {"author", &from.author},
                                                        {"source", &from.source}}};
}

}  // namespace crossclaim

#endif  // CROSSCLAIM_CORE_METADATA_SOURCE_H_
