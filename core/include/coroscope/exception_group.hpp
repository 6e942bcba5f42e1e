#pragma once
// ExceptionGroup / BaseExceptionGroup (PEP 654): several exceptions raised together, as a
// TaskGroup raises its children's errors.
//
//     except* ValueError as eg:                     catch (const aio::ExceptionGroup& group) {
//                                                     auto [match, rest] = group.split<aio::ValueError>();
//                                                     if (rest) std::rethrow_exception(rest);
//                                                     auto& eg = *aio::exception_group_of(match);
//     eg.message                                    eg.message()        'unhandled errors in a TaskGroup'
//     str(eg)                                       aio::str(match)     '... (1 sub-exception)'
//     eg.exceptions                                 eg.exceptions()     std::vector<std::exception_ptr>
//
// Python's hierarchy has ExceptionGroup derive from both BaseExceptionGroup and Exception, so
// `except Exception:` catches it. C++ cannot have both without a virtual base under every
// exception class, so here ExceptionGroup derives from Exception (`catch (const aio::Exception&)`
// catches it, as in Python), BaseExceptionGroup from BaseException, and both share the group
// part, ExceptionGroupMembers. make_exception_group() picks the class as BaseExceptionGroup.__new__
// does: ExceptionGroup when every member is an Exception.
#include <exception>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "coroscope/exceptions.hpp"

namespace coroscope {

class ExceptionGroupMembers;

namespace detail {
// isinstance(e, Exception): every exception but CancelledError and the other direct
// BaseException subclasses. A C++ exception that is not ours (std::runtime_error) counts as
// an Exception, the kind a Python program would raise.
bool is_exception(const std::exception_ptr& e) noexcept;
}  // namespace detail

// The group part (message, members) of the exception `e` holds, or null when it is not a
// BaseExceptionGroup or ExceptionGroup. Valid as long as `e` is.
const ExceptionGroupMembers* exception_group_of(const std::exception_ptr& e) noexcept;

// What BaseExceptionGroup and ExceptionGroup share: the message and the members.
class ExceptionGroupMembers {
 public:
  ExceptionGroupMembers(std::string message, std::vector<std::exception_ptr> exceptions)
      : message_(std::move(message)), exceptions_(std::move(exceptions)) {}
  virtual ~ExceptionGroupMembers() = default;

  // eg.message: the message alone, without the count str(eg) adds.
  const std::string& message() const noexcept { return message_; }
  // eg.exceptions: the members, in the order they were raised.
  const std::vector<std::exception_ptr>& exceptions() const noexcept { return exceptions_; }

  // eg.split(E): (the group of the members that are E, the group of the others); either is
  // null when empty. Nested groups are split recursively, as Python does, keeping the message.
  template <class E>
  std::pair<std::exception_ptr, std::exception_ptr> split() const {
    return split_if([](const std::exception_ptr& e) { return is_instance<E>(e); });
  }
  // eg.subgroup(E): the first half of split.
  template <class E>
  std::exception_ptr subgroup() const {
    return split<E>().first;
  }

 private:
  template <class Match>
  std::pair<std::exception_ptr, std::exception_ptr> split_if(const Match& match) const;

  std::string message_;
  std::vector<std::exception_ptr> exceptions_;
};

// BaseExceptionGroup(message, exceptions): str() is "message (N sub-exceptions)".
class BaseExceptionGroup : public BaseException, public ExceptionGroupMembers {
 public:
  BaseExceptionGroup(std::string message, std::vector<std::exception_ptr> exceptions);
  using ExceptionGroupMembers::message;
};

// ExceptionGroup(message, exceptions): a group whose members are all Exceptions.
class ExceptionGroup : public Exception, public ExceptionGroupMembers {
 public:
  ExceptionGroup(std::string message, std::vector<std::exception_ptr> exceptions);
  using ExceptionGroupMembers::message;
};

// BaseExceptionGroup(message, exceptions) as Python constructs it: an ExceptionGroup when
// every member is an Exception, else a BaseExceptionGroup. ValueError when `exceptions` is empty.
std::exception_ptr make_exception_group(std::string message, std::vector<std::exception_ptr> exceptions);

template <class Match>
std::pair<std::exception_ptr, std::exception_ptr> ExceptionGroupMembers::split_if(const Match& match) const {
  std::vector<std::exception_ptr> matching, rest;
  for (const std::exception_ptr& e : exceptions_) {
    if (match(e)) {
      matching.push_back(e);
    } else if (const ExceptionGroupMembers* nested = exception_group_of(e)) {
      auto [m, r] = nested->split_if(match);
      if (m) matching.push_back(m);
      if (r) rest.push_back(r);
    } else {
      rest.push_back(e);
    }
  }
  auto derive = [&](std::vector<std::exception_ptr> members) {
    return members.empty() ? std::exception_ptr() : make_exception_group(message_, std::move(members));
  };
  return {derive(std::move(matching)), derive(std::move(rest))};
}

}  // namespace coroscope
