// Latent semantic vectors: a truncated SVD of a TF-IDF matrix, so that texts about the same
// topic come close even when they share few words ("ebola" ~ "virus" ~ "outbreak" when the
// input talks of them together). Used by the pair scorer's `cosine_lsa` (pair_features.h).
//
// Example:
//   Eigen::MatrixXf map = TruncatedSvdMap(tfidf_rows, 100);   // vocabulary x 100
//   Eigen::MatrixXf z = LatentRows(other_rows, map);           // unit rows, 100 columns
//   double c = z.row(0).dot(z.row(1));                         // cosine in the latent space
//
// TruncatedSvdMap computes the right singular vectors of the largest singular values by
// randomized range finding with power iterations (Halko, Martinsson and Tropp 2011), as
// scikit-learn's TruncatedSVD(algorithm="randomized") does; the random test matrix comes from
// a fixed seed, so the result is deterministic (up to floating-point rounding). A row
// projected on the map is x * map: the coordinates (U S) that TruncatedSVD.transform gives.
//
// Thread safety: pure functions.
#ifndef CROSSCLAIM_SIMILARITY_LATENT_H_
#define CROSSCLAIM_SIMILARITY_LATENT_H_

#include <Eigen/Dense>

#include "similarity/tfidf.h"

namespace crossclaim {

// The columns x.cols() x min(dims, x.rows(), x.cols()) whose columns are the right singular
// vectors of `x` for its largest singular values, in decreasing order (signs arbitrary).
// An empty matrix (0 columns) when x has no row or no column. Precondition: dims >= 1.
// Cost: O(nnz(x) * (dims + 10) * 9 + x.cols() * (dims + 10)^2).
Eigen::MatrixXf TruncatedSvdMap(const TfidfMatrix& x, int dims);

// x * map with each row scaled to unit length (a zero row stays zero). Columns of `x` beyond
// map.rows() are ignored. Precondition: map has x.cols() rows or fewer.
Eigen::MatrixXf LatentRows(const TfidfMatrix& x, const Eigen::MatrixXf& map);

}  // namespace crossclaim

#endif  // CROSSCLAIM_SIMILARITY_LATENT_H_
