#include "coroscope/trace/jsonl.hpp"

#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "coroscope/trace/kind_names.hpp"

namespace coroscope::trace {

namespace {

// The schema: for each kind, which TraceEvent field each JSON key holds and how it is
// written. The writer and the reader both read this one table, so they cannot disagree;
// docs/trace-format.md documents the same table.
enum class Slot : std::uint8_t { task, future, handle, a, b, c, detail, value };
enum class Type : std::uint8_t {
  id,       // an id (task, future, handle): an integer, null for none (0 in memory)
  count,    // an integer: a position, a line, a depth
  text,     // a string (interned in memory)
  seconds,  // a number: a time or a duration in seconds
  handle_kind,
  future_kind,
  step_outcome,
  done_state,
  diagnostic,
};
struct Field {
  const char* key;
  Slot slot;
  Type type;
};

constexpr Field handle_fields[] = {{"handle", Slot::handle, Type::id},
                                   {"handle_kind", Slot::detail, Type::handle_kind},
                                   {"task", Slot::task, Type::id},
                                   {"future", Slot::future, Type::id}};
constexpr Field callback_fields[] = {{"future", Slot::future, Type::id}, {"by", Slot::task, Type::id},
                                     {"name", Slot::a, Type::text},      {"file", Slot::c, Type::text},
                                     {"line", Slot::b, Type::count},     {"for", Slot::handle, Type::id}};

std::span<const Field> schema(TraceKind kind) {
  switch (kind) {
    case TraceKind::iteration_begin: {
      // Its time is the line's `t`.
      static constexpr Field f[] = {{"ready", Slot::a, Type::count}, {"timers", Slot::b, Type::count}};
      return f;
    }
    case TraceKind::loop_stopped: {
      static constexpr Field f[] = {{"until", Slot::future, Type::id}};
      return f;
    }
    case TraceKind::timer_due: {
      static constexpr Field f[] = {handle_fields[0],
                                    handle_fields[1],
                                    handle_fields[2],
                                    handle_fields[3],
                                    {"when", Slot::value, Type::seconds},
                                    {"position", Slot::a, Type::count}};
      return f;
    }
    case TraceKind::handle_scheduled: {
      static constexpr Field f[] = {
          handle_fields[0], handle_fields[1], handle_fields[2], handle_fields[3], {"position", Slot::a, Type::count}};
      return f;
    }
    case TraceKind::timer_scheduled: {
      static constexpr Field f[] = {
          handle_fields[0], handle_fields[1], handle_fields[2], handle_fields[3], {"when", Slot::value, Type::seconds}};
      return f;
    }
    case TraceKind::handle_run:
    case TraceKind::handle_cancelled:
    case TraceKind::handle_cancel:
      return handle_fields;
    case TraceKind::task_created: {
      static constexpr Field f[] = {{"task", Slot::task, Type::id},
                                    {"name", Slot::a, Type::text},
                                    {"coro", Slot::b, Type::text},
                                    {"by", Slot::future, Type::id}};
      return f;
    }
    case TraceKind::future_created: {
      static constexpr Field f[] = {{"future", Slot::future, Type::id},
                                    {"future_kind", Slot::detail, Type::future_kind},
                                    {"by", Slot::task, Type::id}};
      return f;
    }
    case TraceKind::step_end: {
      static constexpr Field f[] = {{"task", Slot::task, Type::id}, {"outcome", Slot::detail, Type::step_outcome}};
      return f;
    }
    case TraceKind::suspend: {
      static constexpr Field f[] = {{"task", Slot::task, Type::id},
                                    {"future", Slot::future, Type::id},
                                    {"future_kind", Slot::detail, Type::future_kind},
                                    {"file", Slot::a, Type::text},
                                    {"line", Slot::b, Type::count}};
      return f;
    }
    case TraceKind::await_frame: {
      static constexpr Field f[] = {{"task", Slot::task, Type::id},
                                    {"depth", Slot::detail, Type::count},
                                    {"function", Slot::a, Type::text},
                                    {"file", Slot::c, Type::text},
                                    {"line", Slot::b, Type::count}};
      return f;
    }
    case TraceKind::future_done: {
      static constexpr Field f[] = {{"future", Slot::future, Type::id},
                                    {"state", Slot::detail, Type::done_state},
                                    {"callbacks", Slot::a, Type::count},
                                    {"by", Slot::task, Type::id}};
      return f;
    }
    case TraceKind::cancel_requested: {
      static constexpr Field f[] = {
          {"task", Slot::task, Type::id}, {"by", Slot::future, Type::id}, {"message", Slot::a, Type::text}};
      return f;
    }
    case TraceKind::exception_raised: {
      static constexpr Field f[] = {{"task", Slot::task, Type::id}, {"exception", Slot::a, Type::text}};
      return f;
    }
    case TraceKind::task_renamed: {
      static constexpr Field f[] = {{"task", Slot::task, Type::id}, {"name", Slot::a, Type::text}};
      return f;
    }
    case TraceKind::output: {
      static constexpr Field f[] = {{"task", Slot::task, Type::id}, {"text", Slot::a, Type::text}};
      return f;
    }
    case TraceKind::diagnostic: {
      static constexpr Field f[] = {{"diagnostic", Slot::detail, Type::diagnostic},
                                    {"task", Slot::task, Type::id},
                                    {"message", Slot::a, Type::text}};
      return f;
    }
    case TraceKind::io_wait: {
      static constexpr Field f[] = {{"timeout", Slot::value, Type::seconds}};
      return f;
    }
    case TraceKind::callback_source: {
      static constexpr Field f[] = {{"handle", Slot::handle, Type::id},
                                    {"name", Slot::a, Type::text},
                                    {"file", Slot::c, Type::text},
                                    {"line", Slot::b, Type::count}};
      return f;
    }
    case TraceKind::callback_added:
      return callback_fields;
    case TraceKind::callback_removed: {
      static constexpr Field f[] = {callback_fields[0],
                                    callback_fields[1],
                                    callback_fields[2],
                                    callback_fields[3],
                                    callback_fields[4],
                                    callback_fields[5],
                                    {"removed", Slot::detail, Type::count}};
      return f;
    }
    case TraceKind::future_cancel: {
      static constexpr Field f[] = {
          {"future", Slot::future, Type::id}, {"by", Slot::task, Type::id}, {"message", Slot::a, Type::text}};
      return f;
    }
  }
  return {};
}

// The integer field a slot names; Event is TraceEvent or const TraceEvent.
template <class Event>
auto& integer_field(Event& e, Slot slot) {
  switch (slot) {
    case Slot::task:
      return e.task;
    case Slot::future:
      return e.future;
    case Slot::handle:
      return e.handle;
    case Slot::a:
      return e.a;
    case Slot::b:
      return e.b;
    default:
      return e.c;
  }
}

template <class Enum>
const char* enum_word(std::uint32_t value) {
  return to_string(static_cast<Enum>(value));
}

nlohmann::ordered_json write_field(const TraceEvent& e, const Field& field, const StringTable& strings) {
  if (field.type == Type::seconds) return e.value;
  const std::uint32_t value = field.slot == Slot::detail ? e.detail : integer_field(e, field.slot);
  switch (field.type) {
    case Type::id:
      return value ? nlohmann::ordered_json(value) : nlohmann::ordered_json(nullptr);
    case Type::count:
      return value;
    case Type::text:
      return strings[value];
    case Type::handle_kind:
      return enum_word<HandleKind>(value);
    case Type::future_kind:
      return enum_word<FutureKind>(value);
    case Type::step_outcome:
      return enum_word<StepOutcome>(value);
    case Type::done_state:
      return enum_word<DoneState>(value);
    case Type::diagnostic:
      return enum_word<Diagnostic>(value);
    case Type::seconds:
      break;
  }
  return nullptr;
}

// The reader's checks. A value of the wrong type or out of range is refused with the key and
// the value, never converted: nlohmann's get<std::uint32_t>() of -1 or 1e300 is undefined
// behaviour, and its own messages name neither the key nor the value.
[[noreturn]] void refuse(const char* key, const char* wanted, const nlohmann::json& value) {
  constexpr std::size_t shown = 40;
  std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() > shown) text = text.substr(0, shown) + "...";
  throw TraceFormatError("field \"" + std::string(key) + "\" must be " + wanted + ", got " + text);
}

std::uint32_t integer(const char* key, const nlohmann::json& value, std::uint32_t max) {
  if (value.is_number_unsigned() && value.get<std::uint64_t>() <= max) return value.get<std::uint32_t>();
  if (max == 0xff) refuse(key, "an integer from 0 to 255", value);
  refuse(key, "a non-negative integer below 2^32", value);
}

const std::string& text(const char* key, const nlohmann::json& value) {
  if (!value.is_string()) refuse(key, "a string", value);
  return value.get_ref<const std::string&>();
}

double seconds(const char* key, const nlohmann::json& value) {
  if (!value.is_number()) refuse(key, "a number of seconds", value);
  return value.get<double>();
}

template <class Enum>
std::uint8_t enum_value(const char* key, const nlohmann::json& json) {
  const std::string& word = text(key, json);
  auto value = from_string<Enum>(word);
  if (!value) throw TraceFormatError("field \"" + std::string(key) + "\": unknown word \"" + word + "\"");
  return static_cast<std::uint8_t>(*value);
}

void read_field(TraceEvent& e, const Field& field, const nlohmann::json& json, Recorder& recorder) {
  if (json.is_null()) return;  // an id of none, or a field the producer left out
  if (field.type == Type::seconds) {
    e.value = seconds(field.key, json);
    return;
  }
  std::uint32_t value = 0;
  switch (field.type) {
    case Type::id:
    case Type::count:
      value = integer(field.key, json, field.slot == Slot::detail ? 0xff : 0xffffffff);
      break;
    case Type::text:
      value = recorder.intern(text(field.key, json));
      break;
    case Type::handle_kind:
      value = enum_value<HandleKind>(field.key, json);
      break;
    case Type::future_kind:
      value = enum_value<FutureKind>(field.key, json);
      break;
    case Type::step_outcome:
      value = enum_value<StepOutcome>(field.key, json);
      break;
    case Type::done_state:
      value = enum_value<DoneState>(field.key, json);
      break;
    case Type::diagnostic:
      value = enum_value<Diagnostic>(field.key, json);
      break;
    case Type::seconds:
      break;
  }
  if (field.slot == Slot::detail) {
    e.detail = static_cast<std::uint8_t>(value);
  } else {
    integer_field(e, field.slot) = value;
  }
}

// The key's value in a line's object (null when absent).
const nlohmann::json& at(const nlohmann::json& object, const char* key) {
  static const nlohmann::json absent;
  const auto it = object.find(key);
  return it == object.end() ? absent : *it;
}

TraceEvent read_event(const nlohmann::json& json, Recorder& recorder) {
  TraceEvent e;
  const std::string& word = text("kind", at(json, "kind"));
  const auto kind = from_string<TraceKind>(word);
  if (!kind) throw TraceFormatError("unknown event kind \"" + word + "\"");
  e.kind = *kind;
  // An event's iteration and time come from the iteration_begin events before it.
  if (e.kind == TraceKind::iteration_begin) e.value = seconds("t", at(json, "t"));
  for (const Field& field : schema(e.kind)) read_field(e, field, at(json, field.key), recorder);
  return e;
}

TraceInfo read_header(const nlohmann::json& json) {
  if (at(json, "format") != "coroscope-trace")
    throw TraceFormatError("not a coroscope trace: the first line must be {\"format\":\"coroscope-trace\",...}");
  const nlohmann::json& version_field = at(json, "version");
  if (!version_field.is_number_integer()) refuse("version", "an integer", version_field);
  if (const auto version = version_field.get<std::int64_t>(); version != jsonl_version)
    throw TraceFormatError("trace format version " + std::to_string(version) + " is " +
                           (version > jsonl_version ? "newer" : "older") + " than this reader's (" +
                           std::to_string(jsonl_version) + "): record the program again with this coroscope");
  TraceInfo info;
  for (auto [key, slot] : {std::pair{"program", &info.program}, std::pair{"clock", &info.clock}})
    if (const nlohmann::json& value = at(json, key); !value.is_null()) *slot = text(key, value);
  return info;
}

// nlohmann's error without its code: "[json.exception.parse_error.101] parse error at ...".
std::string parse_error_message(const nlohmann::json::exception& e) {
  const std::string what = e.what();
  const std::size_t code_end = what.find("] ");
  return "not valid JSON: " + (code_end == std::string::npos ? what : what.substr(code_end + 2));
}

}  // namespace

void write_jsonl(std::ostream& out, const Recorder& recorder, const TraceInfo& info) {
  nlohmann::ordered_json header{{"format", "coroscope-trace"}, {"version", jsonl_version}};
  if (!info.program.empty()) header["program"] = info.program;
  if (!info.clock.empty()) header["clock"] = info.clock;
  // Text a program printed may be any bytes: invalid UTF-8 becomes U+FFFD, not an error.
  constexpr auto replace = nlohmann::ordered_json::error_handler_t::replace;
  out << header.dump(-1, ' ', false, replace) << '\n';
  for (std::size_t i = 0; i < recorder.size(); ++i) {
    const TraceEvent& e = recorder[i];
    nlohmann::ordered_json line{
        {"seq", i + 1}, {"t", recorder.time(i)}, {"it", recorder.iteration(i)}, {"kind", to_string(e.kind)}};
    for (const Field& field : schema(e.kind)) line[field.key] = write_field(e, field, recorder.strings());
    out << line.dump(-1, ' ', false, replace) << '\n';
  }
}

TraceInfo read_jsonl(std::istream& in, Recorder& recorder) {
  TraceInfo info;
  bool header_seen = false;
  std::size_t line_number = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = "line " + std::to_string(line_number) + ": ";
    nlohmann::json json;
    try {
      json = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
      // The last line, without its newline: a trace cut short by a crash or a kill. What came
      // before is a trace, and worth opening.
      if (in.eof() && header_seen) {
        info.warnings.push_back(where + "the trace ends in the middle of this line (cut short?): the " +
                                std::to_string(recorder.size()) + " events before it were read");
        break;
      }
      throw TraceFormatError(where + parse_error_message(e));
    } catch (const nlohmann::json::exception& e) {  // a number beyond a double's range: 1e3000
      throw TraceFormatError(where + parse_error_message(e));
    }
    try {
      if (!json.is_object()) throw TraceFormatError("a line must be a JSON object {...}");
      if (header_seen) {
        recorder.record(read_event(json, recorder));
      } else {
        info = read_header(json);
        header_seen = true;
      }
    } catch (const TraceFormatError& e) {
      throw TraceFormatError(where + e.what());
    }
  }
  if (!header_seen) throw TraceFormatError("empty trace: no header line");
  return info;
}

}  // namespace coroscope::trace
