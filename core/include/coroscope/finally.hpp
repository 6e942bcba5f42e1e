#pragma once
// Python's `finally:` block for lessons: the block runs however the scope is left — falling
// off its end, `co_return`, an exception, or a CancelledError thrown in at a `co_await`.
//
//     aio::Finally cleanup([] { aio::print("forever: finally"); });
//     co_await aio::sleep(10);
//
// In C++ this is RAII: the destructor of a local runs when its frame unwinds, and a
// coroutine frame unwinds through the same rules as any function's.
#include <utility>

namespace coroscope {

template <class Block>
class [[nodiscard]] Finally {
 public:
  explicit Finally(Block block) : block_(std::move(block)) {}
  Finally(const Finally&) = delete;
  Finally& operator=(const Finally&) = delete;
  ~Finally() { block_(); }

 private:
  Block block_;
};

}  // namespace coroscope
