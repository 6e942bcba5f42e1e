#pragma once
// The umbrella header: `#include <coroscope/asyncio.hpp>` and `namespace aio = coroscope;`
// give a lesson asyncio's names.
#include "coroscope/clock.hpp"
#include "coroscope/coroutine.hpp"
#include "coroscope/event_loop.hpp"
#include "coroscope/exceptions.hpp"
#include "coroscope/finally.hpp"
#include "coroscope/future.hpp"
#include "coroscope/gather.hpp"
#include "coroscope/handle.hpp"
#include "coroscope/none.hpp"
#include "coroscope/outcome.hpp"
#include "coroscope/print.hpp"
#include "coroscope/run.hpp"
#include "coroscope/shield.hpp"
#include "coroscope/sleep.hpp"
#include "coroscope/task.hpp"
#include "coroscope/wait_for.hpp"
