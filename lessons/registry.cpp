#include "lessons/registry.hpp"

#include <algorithm>
#include <charconv>

namespace coroscope::lessons {

std::span<const Lesson> all_lessons() { return detail::lesson_table(); }

const Lesson* find_lesson(std::string_view name_or_number) { return find_lesson(all_lessons(), name_or_number); }

const Lesson* find_lesson(std::span<const Lesson> lessons, std::string_view name_or_number) {
  int number = 0;
  const char* end = name_or_number.data() + name_or_number.size();
  auto [stop, error] = std::from_chars(name_or_number.data(), end, number);
  const bool is_number = !name_or_number.empty() && error == std::errc() && stop == end;
  auto found = std::find_if(lessons.begin(), lessons.end(), [&](const Lesson& lesson) {
    return is_number ? lesson.number == number : lesson.name == name_or_number;
  });
  return found == lessons.end() ? nullptr : &*found;
}

}  // namespace coroscope::lessons
