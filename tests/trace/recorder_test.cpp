// The recorder holds long traces in bounded memory per event.
#include <doctest/doctest.h>
#include <coroscope/trace/recorder.hpp>

namespace trace = coroscope::trace;

namespace {
coroscope::TraceEvent synthetic(std::uint64_t i) {
  coroscope::TraceEvent event;
  event.value = static_cast<double>(i) * 1e-6;
  event.task = static_cast<std::uint32_t>(i % 100 + 1);
  event.a = static_cast<std::uint32_t>(i);
  event.kind = static_cast<coroscope::TraceKind>(i % 17);
  return event;
}

void record_and_check(std::size_t count) {
  trace::Recorder recorder;
  for (std::size_t i = 0; i < count; ++i) recorder.record(synthetic(i));
  REQUIRE(recorder.size() == count);
  for (std::size_t i = 0; i < count; i += count / 1000 + 1) {
    CHECK(recorder[i].a == i);
    CHECK(recorder[i].task == synthetic(i).task);
  }
  CHECK(recorder[count - 1].a == count - 1);
  // sizeof(TraceEvent) per event, plus at most one partly filled chunk and the chunk pointers.
  const double per_event = static_cast<double>(recorder.event_bytes()) / static_cast<double>(count);
  MESSAGE("bytes per event: " << per_event << " for " << count << " events");
  CHECK(recorder.event_bytes() <= count * sizeof(coroscope::TraceEvent) +
                                      trace::Recorder::chunk_size * sizeof(coroscope::TraceEvent) + 64 * 1024);
}
}  // namespace

TEST_CASE("the recorder holds a million events at sizeof(TraceEvent) each") { record_and_check(1'000'000); }

// Not run by default (it takes a few seconds and 640 MB); run it with
//   build/tests/trace/trace_tests -tc='*ten million*' --no-skip
TEST_CASE("the recorder holds ten million events at sizeof(TraceEvent) each" * doctest::skip()) {
  record_and_check(10'000'000);
}
