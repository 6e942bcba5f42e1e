# Lesson 09: callbacks
import asyncio


def say(what):
    print(f"callback: {what}")


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    loop.call_later(0.2, say, "call_later(0.2)")
    loop.call_at(start + 0.1, say, "call_at(start + 0.1)")
    loop.call_soon(say, "call_soon #1")
    loop.call_soon(say, "call_soon #2")
    handle = loop.call_soon(say, "call_soon #3")
    handle.cancel()
    loop.call_later(0, say, "call_later(0)")
    print("main: six callbacks scheduled, #3 cancelled; none has run yet")
    await asyncio.sleep(0)
    print("main: resumed after call_soon #1 and #2")
    fut = loop.create_future()
    fut.add_done_callback(lambda f: say(f"done callback 1 sees {f.result()!r}"))
    fut.add_done_callback(lambda f: say("done callback 2"))
    fut.set_result("ok")
    print("main: set_result queued both done callbacks")
    await asyncio.sleep(0.3)
    print("main: done")


asyncio.run(main())
