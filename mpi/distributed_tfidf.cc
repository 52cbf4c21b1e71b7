#include "mpi/distributed_tfidf.h"

#include <algorithm>
#include <cstring>

#include "core/boilerplate.h"
#include "core/claims.h"
#include "mpi/distributed_dedup.h"

namespace crossclaim::mpi {
namespace {

// Terms as one byte stream: a 4-byte length, then the bytes, per term.
std::vector<char> PackTerms(const std::vector<std::string>& terms) {
  std::vector<char> out;
  for (const std::string& term : terms) {
    const uint32_t size = static_cast<uint32_t>(term.size());
    const char* p = reinterpret_cast<const char*>(&size);
    out.insert(out.end(), p, p + sizeof(size));
    out.insert(out.end(), term.begin(), term.end());
  }
  return out;
}

std::vector<std::string> UnpackTerms(const std::vector<char>& bytes) {
  std::vector<std::string> terms;
  for (size_t i = 0; i + sizeof(uint32_t) <= bytes.size();) {
    uint32_t size = 0;
    std::memcpy(&size, bytes.data() + i, sizeof(size));
    i += sizeof(size);
    terms.emplace_back(bytes.data() + i, size);
    i += size;
  }
  return terms;
}

}  // namespace

Result<DocumentFrequencies> ReduceDocumentFrequencies(Comm& comm,
                                                      const DocumentFrequencies& local) {
  DocumentFrequencies total;
  std::vector<int64_t> counts;
  if (local.terms.empty() && !local.df.empty()) {  // hashed: one slot per bucket everywhere
    counts = local.df;
  } else {
    Result<std::vector<char>> all = comm.Allgatherv(PackTerms(local.terms));
    if (!all.ok()) return all.status();
    total.terms = UnpackTerms(*all);
    std::sort(total.terms.begin(), total.terms.end());
    total.terms.erase(std::unique(total.terms.begin(), total.terms.end()), total.terms.end());
    counts.assign(total.terms.size(), 0);
    size_t at = 0;  // both lists are sorted: one merge pass
    for (size_t i = 0; i < local.terms.size(); ++i) {
      while (total.terms[at] != local.terms[i]) ++at;
      counts[at] = local.df[i];
    }
  }
  counts.push_back(local.documents);
  comm.AllreduceSum(&counts);
  total.documents = counts.back();
  counts.pop_back();
  total.df = std::move(counts);
  return total;
}

Result<DocumentFrequencies> DistributedClaimFrequencies(Comm& comm, const Corpus& corpus,
                                                        const TfidfOptions& options) {
  comm.BeginStage("tfidf.df");
  Result<TfidfVectorizer> vectorizer = TfidfVectorizer::Create(options);
  if (!vectorizer.ok()) return vectorizer.status();
  const std::vector<Document>& documents = corpus.documents;
  const std::vector<BoilerplateReport> boilerplate =
      FindBoilerplate(documents, BoilerplateOptions());
  TokenLists tokens;
  for (size_t d = 0; d < documents.size(); ++d) {
    if (OwnerOf(static_cast<uint32_t>(d), comm.size()) != comm.rank()) continue;
    for (Claim& claim :
         ExtractClaims(documents[d], static_cast<int>(d), boilerplate[d], 0, ClaimOptions())) {
      tokens.push_back(std::move(claim.tokens));
    }
  }
  return ReduceDocumentFrequencies(comm, vectorizer->CountDocumentFrequencies(tokens));
}

}  // namespace crossclaim::mpi
