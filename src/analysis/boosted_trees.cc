#include "boosted_trees.h"

#include <fmt/format.h>
#include <xgboost/c_api.h>

#include <cstdint>
#include <limits>
#include <stdexcept>

namespace rearview::analysis {

struct BoostedTrees::Booster {
  BoosterHandle handle = nullptr;
  Booster() = default;
  Booster(const Booster&) = delete;
  Booster& operator=(const Booster&) = delete;
  ~Booster() {
    if (handle) XGBoosterFree(handle);
  }
};

namespace {

// XGBoost reports a failure by status and keeps the message per thread.
Result<void> check(int status, std::string_view what) {
  if (status == 0) return {};
  return fail(ErrorCode::invalid_input,
              fmt::format("XGBoost could not {}: {}", what, XGBGetLastError()));
}

class Matrix {
 public:
  Matrix() = default;
  Matrix(const Matrix&) = delete;
  Matrix& operator=(const Matrix&) = delete;
  ~Matrix() {
    if (handle_) XGDMatrixFree(handle_);
  }
  DMatrixHandle* out() { return &handle_; }
  DMatrixHandle get() const { return handle_; }

 private:
  DMatrixHandle handle_ = nullptr;
};

// "(1,-1,0)"
std::string constraints_text(const std::vector<int>& monotone) {
  return fmt::format("({})", fmt::join(monotone, ","));
}

// One thread to predict: a deal's few hundred rows are done before threads
// would start, and the machine runs other work. Nothing on standard error.
Result<void> set_prediction_params(BoosterHandle handle) {
  if (auto set = check(XGBoosterSetParam(handle, "nthread", "1"), "set nthread"); !set) return set;
  return check(XGBoosterSetParam(handle, "verbosity", "0"), "set verbosity");
}

Result<void> set_training_params(BoosterHandle handle, const TreeSettings& settings,
                                 std::size_t columns) {
  std::vector<int> monotone = settings.monotone;
  monotone.resize(columns, 0);
  // No sampling of rows or columns: the seed then has nothing to decide, and
  // one thread makes the sums (and so the splits) come out the same every time.
  const std::pair<std::string, std::string> params[] = {
      {"objective", "binary:logistic"},
      {"tree_method", "hist"},
      {"max_depth", std::to_string(settings.max_depth)},
      {"eta", fmt::format("{}", settings.learning_rate)},
      {"min_child_weight", fmt::format("{}", settings.min_child_weight)},
      {"monotone_constraints", constraints_text(monotone)},
      {"nthread", "1"},
      {"seed", "0"},
      {"verbosity", "0"},
  };
  for (const auto& [name, value] : params)
    if (auto set = check(XGBoosterSetParam(handle, name.c_str(), value.c_str()), "set " + name);
        !set)
      return set;
  return {};
}

std::string model_bytes(BoosterHandle handle) {
  bst_ulong length = 0;
  const char* data = nullptr;
  if (XGBoosterSaveModelToBuffer(handle, R"({"format": "ubj"})", &length, &data) != 0)
    throw std::runtime_error(fmt::format("XGBoost could not save a model: {}", XGBGetLastError()));
  return std::string(data, length);
}

}  // namespace

Result<BoostedTrees> BoostedTrees::train(std::span<const float> rows, std::size_t columns,
                                         std::span<const float> outcomes,
                                         const TreeSettings& settings) {
  if (columns == 0 || rows.size() != outcomes.size() * columns)
    return fail(ErrorCode::invalid_input, "the rows do not match the outcomes");
  Matrix matrix;
  auto made = check(XGDMatrixCreateFromMat(rows.data(), outcomes.size(), columns,
                                           std::numeric_limits<float>::quiet_NaN(), matrix.out()),
                    "make the training matrix");
  if (!made) return std::unexpected(made.error());
  auto labelled = check(
      XGDMatrixSetFloatInfo(matrix.get(), "label", outcomes.data(), outcomes.size()), "set labels");
  if (!labelled) return std::unexpected(labelled.error());

  Booster booster;
  DMatrixHandle training[] = {matrix.get()};
  auto created = check(XGBoosterCreate(training, 1, &booster.handle), "create a booster");
  if (!created) return std::unexpected(created.error());
  auto configured = set_training_params(booster.handle, settings, columns);
  if (!configured) return std::unexpected(configured.error());
  for (int round = 0; round < settings.rounds; ++round) {
    auto grown = check(XGBoosterUpdateOneIter(booster.handle, round, matrix.get()), "grow a tree");
    if (!grown) return std::unexpected(grown.error());
  }
  // Reloading the saved model drops the training data the booster caches,
  // and makes the model in use exactly the one save() writes.
  return load(model_bytes(booster.handle));
}

Result<BoostedTrees> BoostedTrees::load(std::string_view bytes) {
  auto booster = std::make_shared<Booster>();
  auto created = check(XGBoosterCreate(nullptr, 0, &booster->handle), "create a booster");
  if (!created) return std::unexpected(created.error());
  auto loaded = check(XGBoosterLoadModelFromBuffer(booster->handle, bytes.data(), bytes.size()),
                      "read the trees");
  if (!loaded) return std::unexpected(loaded.error());
  auto configured = set_prediction_params(booster->handle);
  if (!configured) return std::unexpected(configured.error());
  bst_ulong columns = 0;
  auto counted = check(XGBoosterGetNumFeature(booster->handle, &columns), "count the features");
  if (!counted) return std::unexpected(counted.error());
  BoostedTrees trees(std::move(booster), std::size_t(columns));
  // XGBoost finishes configuring a booster on its first prediction; doing
  // that here, on one thread, leaves nothing to set up when reports on
  // several threads predict at once.
  trees.log_odds(std::vector<float>(trees.columns(), 0.0f));
  return trees;
}

std::string BoostedTrees::save() const { return model_bytes(booster_->handle); }

std::vector<double> BoostedTrees::log_odds(std::span<const float> rows) const {
  std::size_t count = rows.size() / columns_;
  if (count == 0) return {};
  // NumPy's array interface, pointing at the rows in place: no copy, no DMatrix.
  std::string array =
      fmt::format(R"({{"data": [{}, true], "shape": [{}, {}], "typestr": "<f4", "version": 3}})",
                  reinterpret_cast<std::uintptr_t>(rows.data()), count, columns_);
  constexpr const char* kMargins =
      R"({"type": 1, "training": false, "iteration_begin": 0, "iteration_end": 0, )"
      R"("strict_shape": false, "missing": NaN, "cache_id": 0})";
  const bst_ulong* shape = nullptr;
  bst_ulong dimensions = 0;
  const float* result = nullptr;
  if (XGBoosterPredictFromDense(booster_->handle, array.c_str(), kMargins, nullptr, &shape,
                                &dimensions, &result) != 0)
    throw std::runtime_error(fmt::format("XGBoost could not predict: {}", XGBGetLastError()));
  return std::vector<double>(result, result + count);
}

}  // namespace rearview::analysis
