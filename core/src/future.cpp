#include "coroscope/future.hpp"

#include <algorithm>

#include "coroscope/detail/id_counters.hpp"
#include "coroscope/task.hpp"

namespace coroscope {

const char* to_string(FutureKind kind) noexcept {
  switch (kind) {
    case FutureKind::plain:
      return "future";
    case FutureKind::task:
      return "task";
    case FutureKind::sleep:
      return "sleep";
    case FutureKind::gather:
      return "gather";
    case FutureKind::shield:
      return "shield";
    case FutureKind::wait_for:
      return "wait_for";
    case FutureKind::wait:
      return "wait";
    case FutureKind::timeout:
      return "timeout";
    case FutureKind::task_group:
      return "TaskGroup";
    case FutureKind::event:
      return "Event.wait";
    case FutureKind::lock:
      return "Lock.acquire";
    case FutureKind::condition:
      return "Condition.wait";
    case FutureKind::semaphore:
      return "Semaphore.acquire";
    case FutureKind::barrier:
      return "Barrier.wait";
    case FutureKind::queue_get:
      return "Queue.get";
    case FutureKind::queue_put:
      return "Queue.put";
    case FutureKind::queue_join:
      return "Queue.join";
    case FutureKind::async_generator:
      return "async generator";
  }
  return "future";
}

namespace detail {

namespace {
std::uint32_t next_future_id() noexcept { return ++id_counters.future; }
}  // namespace

FutureBase::FutureBase(EventLoop& loop, FutureKind kind) : id_(next_future_id()), loop_(&loop), kind_(kind) {
  if (kind == FutureKind::task) return;  // a task reports itself as task_created
  loop.trace([&] {
    TraceEvent event;
    event.kind = TraceKind::future_created;
    event.future = id_;
    event.detail = static_cast<std::uint8_t>(kind);
    event.task = running_task_id();
    return event;
  });
}

FutureBase::~FutureBase() {
  // Future.__del__: an exception nobody looked at is reported when the last reference goes.
  if (log_traceback_) report_never_retrieved("Future exception was never retrieved");
  if (has_cancel_message_) loop_->cancel_messages_.erase(this);
}

void FutureBase::report_never_retrieved(const std::string& what) {
  log_traceback_ = false;
  loop_->call_exception_handler({what, exception_, describe()});
}

bool FutureBase::cancel(std::string msg) {
  log_traceback_ = false;
  if (state_ == State::pending) {
    loop_->trace([&] {
      TraceEvent event;
      event.kind = TraceKind::future_cancel;
      event.future = id_;
      event.task = running_task_id();
      event.a = loop_->intern(msg);
      return event;
    });
  }
  return cancel_future(std::move(msg));
}

bool FutureBase::cancel_future(std::string msg) {
  if (state_ != State::pending) return false;
  state_ = State::cancelled;
  set_cancel_message(std::move(msg));
  schedule_callbacks();
  return true;
}

const std::string& FutureBase::cancel_message() const noexcept {
  static const std::string none;
  return has_cancel_message_ ? loop_->cancel_messages_.find(this)->second : none;
}

void FutureBase::set_cancel_message(std::string msg) {
  if (!msg.empty()) {
    loop_->cancel_messages_[this] = std::move(msg);
    has_cancel_message_ = true;
  } else if (has_cancel_message_) {
    loop_->cancel_messages_.erase(this);
    has_cancel_message_ = false;
  }
}

std::exception_ptr FutureBase::make_cancelled_error() {
  if (state_ == State::cancelled && exception_) return std::exchange(exception_, nullptr);
  return std::make_exception_ptr(CancelledError(cancel_message()));
}

std::exception_ptr FutureBase::exception() {
  if (state_ == State::cancelled) std::rethrow_exception(make_cancelled_error());
  if (state_ != State::finished) throw InvalidStateError("Exception is not set.");
  log_traceback_ = false;
  return exception_;
}

std::exception_ptr FutureBase::exception_to_raise() {
  if (state_ == State::cancelled) return make_cancelled_error();
  if (state_ != State::finished) return std::make_exception_ptr(InvalidStateError("Result is not set."));
  log_traceback_ = false;
  return exception_;
}

void FutureBase::check_pending() const {
  if (state_ != State::pending) throw InvalidStateError("invalid state");
}

void FutureBase::set_exception(std::exception_ptr exception) {
  check_pending();
  exception_ = std::move(exception);
  log_traceback_ = true;
  mark_finished();
}

void FutureBase::mark_finished() {
  state_ = State::finished;
  schedule_callbacks();
}

// Future.__schedule_callbacks: each callback goes through call_soon, in registration order;
// none runs inside set_result (DESIGN.md rule 5).
void FutureBase::schedule_callbacks() {
  loop_->trace([&] {
    TraceEvent event;
    event.kind = TraceKind::future_done;
    event.future = id_;
    event.detail = static_cast<std::uint8_t>(state_ == State::cancelled ? DoneState::cancelled
                                             : exception_               ? DoneState::exception
                                                                        : DoneState::result);
    event.a = static_cast<std::uint32_t>(callbacks_.size());
    event.task = running_task_id();
    return event;
  });
  callbacks_.take_all([this](DoneCallback&& cb) { schedule_callback(std::move(cb)); });
}

void FutureBase::schedule_callback(DoneCallback&& cb) {
  if (!cb.fn) {
    TaskBase& task = static_cast<TaskBase&>(*cb.context);
    task.schedule(HandleKind::task_wakeup, Ref<TaskBase>(std::move(cb.context)));
    return;
  }
  loop_->schedule_soon(
      [fn = cb.fn, context = std::move(cb.context), self = Ref<FutureBase>(this)] { fn(*context, *self); },
      HandleKind::done_callback, {0, id_});
}

std::size_t FutureBase::remove_done_callback(CallbackFn fn, const RefCounted* context, CallSite source,
                                             std::uint32_t owner) {
  const std::size_t removed = callbacks_.remove(fn, context);
  // Only a removal that happened is an event: run_until_complete's `finally` removes its
  // callback after it has run, which changes nothing.
  if (removed != 0 && loop_->tracer()) [[unlikely]]
    trace_callback(TraceKind::callback_removed, source, owner, removed);
  return removed;
}

void FutureBase::trace_callback(TraceKind kind, CallSite source, std::uint32_t owner, std::size_t removed) {
  loop_->trace([&] {
    TraceEvent event;
    event.kind = kind;
    event.future = id_;
    event.task = running_task_id();
    event.handle = owner;
    loop_->name_callback(event, source);
    event.detail = static_cast<std::uint8_t>(std::min<std::size_t>(removed, 255));
    return event;
  });
}

std::string FutureBase::describe() const {
  std::string text = "<Future ";
  if (state_ == State::pending) return text + "pending>";
  if (state_ == State::cancelled) return text + "cancelled>";
  if (exception_) return text + "finished exception=" + type_name(exception_) + "('" + message_of(exception_) + "')>";
  return text + "finished>";
}

}  // namespace detail
}  // namespace coroscope
