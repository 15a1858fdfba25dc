package fakediscord

import (
	"fmt"
	"hash/fnv"
	"math"
	"net/http"
	"strconv"
	"time"
)

// unlimited is the size a bucket without a limit reports.
const unlimited = 1000

// bucket is a token bucket: it holds up to burst tokens, refilled at rate
// per second; a request takes one. A client that waits as long as a 429's
// retry_after says gets about rate requests a second, however many it
// runs at once.
type bucket struct {
	rate   float64 // 0: no limit
	burst  float64
	tokens float64
	last   time.Time
}

func newBucket(rate float64, burst int, now time.Time) *bucket {
	if rate <= 0 {
		return &bucket{}
	}
	if burst <= 0 {
		burst = max(1, int(math.Ceil(rate)))
	}
	return &bucket{rate: rate, burst: float64(burst), tokens: float64(burst), last: now}
}

// refill adds the tokens earned since the last call.
func (b *bucket) refill(now time.Time) {
	if b.rate == 0 || !now.After(b.last) {
		return
	}
	b.tokens = min(b.burst, b.tokens+now.Sub(b.last).Seconds()*b.rate)
	b.last = now
}

// wait is how long until the bucket holds a token at now; 0 when it does.
func (b *bucket) wait(now time.Time) time.Duration {
	if b.rate == 0 {
		return 0
	}
	b.refill(now)
	if b.tokens >= 1 {
		return 0
	}
	return ceilMillis((1 - b.tokens) / b.rate)
}

// take takes a token; wait must have said there is one.
func (b *bucket) take(now time.Time) {
	if b.rate == 0 {
		return
	}
	b.refill(now)
	b.tokens--
}

// limit, remaining and resetAfter describe the bucket as Discord's
// X-RateLimit headers do: resetAfter is how long until it is full again.
func (b *bucket) limit() int {
	if b.rate == 0 {
		return unlimited
	}
	return int(b.burst)
}

func (b *bucket) remaining() int {
	if b.rate == 0 {
		return unlimited - 1
	}
	return max(0, int(math.Floor(b.tokens)))
}

func (b *bucket) resetAfter() time.Duration {
	if b.rate == 0 {
		return time.Millisecond
	}
	return max(time.Millisecond, ceilMillis((b.burst-b.tokens)/b.rate))
}

// ceilMillis rounds seconds up to a whole millisecond, so a client that
// waits that long never comes back early.
func ceilMillis(seconds float64) time.Duration {
	return time.Duration(math.Ceil(seconds*1000-1e-6)) * time.Millisecond
}

// seconds formats d as Discord does in headers and retry_after: seconds
// with three decimals.
func seconds(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', 3, 64)
}

// bucketHash names a route's bucket, as X-RateLimit-Bucket does: the same
// for every channel or guild the route is called on.
func bucketHash(route string) string {
	h := fnv.New64a()
	h.Write([]byte(route))
	return fmt.Sprintf("%016x", h.Sum64())
}

// setRateHeaders sets the X-RateLimit headers of b at now.
func setRateHeaders(h http.Header, route string, b *bucket, now time.Time) {
	reset := b.resetAfter()
	h.Set("X-RateLimit-Limit", strconv.Itoa(b.limit()))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(b.remaining()))
	h.Set("X-RateLimit-Reset", strconv.FormatFloat(float64(now.Add(reset).UnixMilli())/1000, 'f', 3, 64))
	h.Set("X-RateLimit-Reset-After", seconds(reset))
	h.Set("X-RateLimit-Bucket", bucketHash(route))
}

// rateLimited is a 429 answer: retry_after in the body, Retry-After in
// whole seconds, and the scope. A global 429 also sets X-RateLimit-Global
// and makes X-RateLimit-Reset-After the wait, which is where discordgo
// reads how long to hold every bucket.
func rateLimited(h http.Header, wait time.Duration, global bool, code int, msg string) reply {
	if msg == "" {
		msg = "You are being rate limited."
	}
	h.Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
	body := map[string]any{"message": msg, "retry_after": math.Ceil(wait.Seconds()*1000) / 1000, "global": global}
	if code != 0 {
		body["code"] = code
	}
	if global {
		h.Set("X-RateLimit-Global", "true")
		h.Set("X-RateLimit-Scope", "global")
		h.Set("X-RateLimit-Reset-After", seconds(wait))
	} else {
		h.Set("X-RateLimit-Scope", "user")
	}
	return reply{status: http.StatusTooManyRequests, body: body}
}
