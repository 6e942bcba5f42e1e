# Lesson 20: the forgotten await
import asyncio


async def save(record):
    print(f"save: writing {record!r}")
    await asyncio.sleep(0.1)
    print(f"save: {record!r} written")


async def main():
    asyncio.get_running_loop().set_debug(True)
    save("draft")
    print("main: called save('draft') without await: nothing was written")
    await save("final")
    print("main: with await, save('final') ran")


asyncio.run(main())
