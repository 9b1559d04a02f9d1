package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/chromedp/chromedp"
)

func main() {
	base := "http://127.0.0.1:18090"
	who, pages := os.Args[1], os.Args[2:]
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath("/usr/bin/chromium"), chromedp.NoSandbox, chromedp.Headless)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	must(chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulatePortrait, chromedp.EmulateMobile, chromedp.EmulateScale(2)),
		chromedp.Navigate(base+"/login"),
		chromedp.SendKeys(chromedp.CSS(`input[name=email]`), who),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), "een lang demo wachtwoord"),
		chromedp.Submit(chromedp.CSS(`input[name=password]`)), chromedp.Sleep(time.Second)))
	for i, p := range pages {
		must(chromedp.Do(ctx, chromedp.Navigate(base+p), chromedp.Sleep(500*time.Millisecond)))
		buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		must(err)
		name := fmt.Sprintf("/tmp/shot-%d.png", i)
		must(os.WriteFile(name, buf, 0o644))
		fmt.Println(name, p)
	}
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}
