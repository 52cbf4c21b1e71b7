#include "similarity/latent.h"

#include <Eigen/QR>
#include <Eigen/SVD>
#include <algorithm>
#include <cstdint>

namespace crossclaim {
namespace {

constexpr int kOversample = 10;
constexpr int kPowerIterations = 4;

// splitmix64: a portable seeded stream (std:: distributions differ between libraries).
uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// An orthonormal basis of the columns of `y` (thin Q of its QR decomposition).
Eigen::MatrixXd Orthonormal(const Eigen::MatrixXd& y) {
  Eigen::HouseholderQR<Eigen::MatrixXd> qr(y);
  return qr.householderQ() * Eigen::MatrixXd::Identity(y.rows(), y.cols());
}

}  // namespace

Eigen::MatrixXf TruncatedSvdMap(const TfidfMatrix& x, int dims) {
  const Eigen::Index rows = x.rows(), cols = x.cols();
  if (rows == 0 || cols == 0) return Eigen::MatrixXf(cols, 0);
  const Eigen::Index keep = std::min<Eigen::Index>({dims, rows, cols});
  const Eigen::Index width = std::min<Eigen::Index>({keep + kOversample, rows, cols});
  const Eigen::SparseMatrix<double, Eigen::RowMajor, int32_t> xd = x.cast<double>();
  Eigen::MatrixXd omega(cols, width);
  uint64_t state = 7;
  for (Eigen::Index j = 0; j < width; ++j) {
    for (Eigen::Index i = 0; i < cols; ++i) {
      omega(i, j) = static_cast<double>(SplitMix64(&state) >> 11) * 0x1.0p-52 - 1.0;  // [-1, 1)
    }
  }
  // Range finder: Q spans the dominant column space of x; power iterations sharpen it.
  Eigen::MatrixXd q = Orthonormal(xd * omega);
  for (int it = 0; it < kPowerIterations; ++it) {
    q = Orthonormal(xd * Orthonormal(xd.transpose() * q));
  }
  // x ~ Q B with B = Q^T x; the SVD of B^T = x^T Q = U S W^T gives x ~ (Q W) S U^T, so the
  // columns of U are the right singular vectors of x.
  const Eigen::MatrixXd bt = xd.transpose() * q;
  Eigen::BDCSVD<Eigen::MatrixXd> svd(bt, Eigen::ComputeThinU);
  return svd.matrixU().leftCols(keep).cast<float>();
}

Eigen::MatrixXf LatentRows(const TfidfMatrix& x, const Eigen::MatrixXf& map) {
  Eigen::MatrixXf out = Eigen::MatrixXf::Zero(x.rows(), map.cols());
  for (Eigen::Index r = 0; r < x.rows(); ++r) {
    for (TfidfMatrix::InnerIterator it(x, r); it; ++it) {
      if (it.index() < map.rows()) out.row(r) += it.value() * map.row(it.index());
    }
    const float norm = out.row(r).norm();
    if (norm > 0) out.row(r) /= norm;
  }
  return out;
}

}  // namespace crossclaim
