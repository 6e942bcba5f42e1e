# Lesson 06: asyncio.gather
import asyncio


async def fetch(name, delay):
    await asyncio.sleep(delay)
    print(f"{name}: done after {delay}s")
    return f"data {name}"


async def fail(delay):
    await asyncio.sleep(delay)
    print("fail: raising ValueError")
    raise ValueError("bad fetch")


async def main():
    print("main: got", await asyncio.gather(fetch("a", 0.3), fetch("b", 0.1), fetch("c", 0.2)))
    try:
        await asyncio.gather(fetch("d", 0.2), fail(0.1))
    except ValueError as e:
        print("main: gather raised", repr(e), "but d keeps running")
    await asyncio.sleep(0.2)
    slots = await asyncio.gather(fetch("e", 0.1), fail(0.2), return_exceptions=True)
    for r in slots:
        print("main: slot", repr(r))


asyncio.run(main())
