/* Input: SDL events become ui events. Fingers and the mouse both drive one pointer; a
 * touch is counted once; system shortcuts are swallowed; the cursor hides for touch. */
#include "sdl_internal.h"

#include <string.h>

static void show_cursor(struct sdl_backend *b, int on)
{
    if (b->cursor_shown == on)
        return;
    SDL_ShowCursor(on ? SDL_ENABLE : SDL_DISABLE);
    b->cursor_shown = on;
}

static void pointer(struct backend_input *out, int kind, int x, int y, int from_touch)
{
    out->kind = BACKEND_IN_UI;
    out->ev.kind = kind;
    out->ev.x = x;
    out->ev.y = y;
    out->from_touch = from_touch;
}

/* Finger positions come normalised (0..1) over the window. Only the first finger down
 * is followed: a palm or a second finger must not press other buttons. */
static int finger(struct sdl_backend *b, const SDL_TouchFingerEvent *f, struct backend_input *out)
{
    int x = (int)(f->x * (float)b->w), y = (int)(f->y * (float)b->h);
    show_cursor(b, 0);
    switch (f->type) {
    case SDL_FINGERDOWN:
        if (b->finger_down)
            return 0;
        b->finger_down = 1;
        b->finger = f->fingerId;
        pointer(out, UI_EV_PRESS, x, y, 1);
        return 1;
    case SDL_FINGERMOTION:
        if (!b->finger_down || f->fingerId != b->finger)
            return 0;
        pointer(out, UI_EV_MOVE, x, y, 1);
        return 1;
    case SDL_FINGERUP:
        if (!b->finger_down || f->fingerId != b->finger)
            return 0;
        b->finger_down = 0;
        pointer(out, UI_EV_RELEASE, x, y, 1);
        return 1;
    default:
        return 0;
    }
}

static int shortcut(const SDL_KeyboardEvent *k)
{
    SDL_Keycode sym = k->keysym.sym;
    Uint16 mod = k->keysym.mod;
    if (sym == SDLK_LGUI || sym == SDLK_RGUI || (mod & KMOD_GUI))
        return 1;
    if ((mod & KMOD_ALT) && (sym == SDLK_F4 || sym == SDLK_TAB))
        return 1;
    if ((mod & KMOD_CTRL) && (sym == SDLK_w || sym == SDLK_q))
        return 1;
    return 0;
}

static int key(const SDL_KeyboardEvent *k, struct backend_input *out)
{
    if (shortcut(k)) {
        out->kind = BACKEND_IN_SHORTCUT;
        return 1;
    }
    int ui_key = UI_KEY_NONE;
    switch (k->keysym.sym) {
    case SDLK_BACKSPACE:
        ui_key = UI_KEY_BACKSPACE;
        break;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        ui_key = UI_KEY_RETURN;
        break;
    case SDLK_TAB:
        ui_key = UI_KEY_TAB;
        break;
    case SDLK_ESCAPE:
        ui_key = UI_KEY_ESCAPE;
        break;
    case SDLK_UP:
        ui_key = UI_KEY_UP;
        break;
    case SDLK_DOWN:
        ui_key = UI_KEY_DOWN;
        break;
    default:
        return 0;
    }
    out->kind = BACKEND_IN_UI;
    out->ev.kind = UI_EV_KEY;
    out->ev.key = ui_key;
    return 1;
}

static int window_event(struct sdl_backend *b, const SDL_WindowEvent *w, struct backend_input *out)
{
    switch (w->event) {
    case SDL_WINDOWEVENT_CLOSE:
        out->kind = BACKEND_IN_CLOSE;
        return 1;
    case SDL_WINDOWEVENT_SIZE_CHANGED:
        sdl_backend_resized(b);
        out->kind = BACKEND_IN_EXPOSE;
        return 1;
    case SDL_WINDOWEVENT_EXPOSED:
    case SDL_WINDOWEVENT_SHOWN:
    case SDL_WINDOWEVENT_RESTORED:
        out->kind = BACKEND_IN_EXPOSE;
        return 1;
    default:
        return 0;
    }
}

/* The event type another thread pushes to wake the loop (0: not registered yet). */
static SDL_atomic_t wake_type;

void sdl_backend_wake(struct sdl_backend *b)
{
    (void)b;
    int type = SDL_AtomicGet(&wake_type);
    if (type <= 0)
        return; /* no wait has begun: the loop looks at everything before its first one */
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = (Uint32)type;
    SDL_PushEvent(&e); /* thread-safe; a full queue wakes the loop anyway */
}

/* One SDL event to at most one input; 0 when the event means nothing to the kiosk. */
static int translate(struct sdl_backend *b, const SDL_Event *e, struct backend_input *out)
{
    memset(out, 0, sizeof *out);
    out->at_ms = e->common.timestamp;
    if (e->type == (Uint32)SDL_AtomicGet(&wake_type)) {
        out->kind = BACKEND_IN_WAKE;
        return 1;
    }
    switch (e->type) {
    case SDL_QUIT: /* only from SIGTERM/SIGINT: closing the window is SDL_WINDOWEVENT_CLOSE */
        out->kind = BACKEND_IN_QUIT;
        return 1;
    case SDL_WINDOWEVENT:
        return window_event(b, &e->window, out);
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP:
        return finger(b, &e->tfinger, out);
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        /* touches that SDL mirrors as mouse events anyway (some drivers ignore the hint) */
        if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT)
            return 0;
        show_cursor(b, 1);
        pointer(out, e->type == SDL_MOUSEBUTTONDOWN ? UI_EV_PRESS : UI_EV_RELEASE, e->button.x,
                e->button.y, 0);
        return 1;
    case SDL_MOUSEMOTION:
        if (e->motion.which == SDL_TOUCH_MOUSEID)
            return 0;
        show_cursor(b, 1);
        /* a hovering mouse changes nothing on a touch ui: only drags are passed on */
        if (!(e->motion.state & SDL_BUTTON_LMASK))
            return 0;
        pointer(out, UI_EV_MOVE, e->motion.x, e->motion.y, 0);
        return 1;
    case SDL_TEXTINPUT:
        out->kind = BACKEND_IN_UI;
        out->ev.kind = UI_EV_TEXT;
        kiosk_strlcpy(out->ev.text, e->text.text, sizeof out->ev.text);
        return 1;
    case SDL_KEYDOWN:
        return key(&e->key, out);
    default:
        return 0;
    }
}

/* SDL (2.24+) ends each poll cycle with a sentinel: an event queued after the previous
 * pump sits behind it and a single poll says "nothing". A second poll reaches it. */
static int poll(SDL_Event *e)
{
    return SDL_PollEvent(e) || SDL_PollEvent(e);
}

int sdl_backend_wait(struct sdl_backend *b, int timeout_ms, struct backend_input *out)
{
    Uint64 deadline = timeout_ms >= 0 ? SDL_GetTicks64() + (Uint64)timeout_ms : 0;
    if (SDL_AtomicGet(&wake_type) == 0) {
        Uint32 t = SDL_RegisterEvents(1);
        SDL_AtomicSet(&wake_type, t == (Uint32)-1 ? -1 : (int)t);
    }
    for (;;) {
        SDL_Event e;
        int got;
        if (timeout_ms < 0) {
            got = SDL_WaitEvent(&e);
        } else {
            Uint64 now = SDL_GetTicks64();
            int left = now >= deadline ? 0 : (int)(deadline - now);
            got = left > 0 ? SDL_WaitEventTimeout(&e, left) : poll(&e);
        }
        if (!got) {
            memset(out, 0, sizeof *out);
            out->kind = BACKEND_IN_NONE;
            return BACKEND_IN_NONE;
        }
        if (translate(b, &e, out))
            return out->kind;
    }
}

static int push_key(SDL_Keycode sym, Uint16 mod)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.state = SDL_PRESSED;
    e.key.keysym.sym = sym;
    e.key.keysym.scancode = SDL_GetScancodeFromKey(sym);
    e.key.keysym.mod = mod;
    if (SDL_PushEvent(&e) < 0)
        return 0;
    e.type = SDL_KEYUP;
    e.key.state = SDL_RELEASED;
    return SDL_PushEvent(&e) >= 0;
}

kiosk_status sdl_backend_inject(struct sdl_backend *b, const char *what)
{
    static const struct {
        const char *name;
        SDL_Keycode sym;
        Uint16 mod;
    } keys[] = {
        /* name      key          modifiers */
        {"Alt+F4", SDLK_F4, KMOD_LALT},  {"Alt+Tab", SDLK_TAB, KMOD_LALT},
        {"Ctrl+W", SDLK_w, KMOD_LCTRL},  {"Ctrl+Q", SDLK_q, KMOD_LCTRL},
        {"Super", SDLK_LGUI, KMOD_LGUI},
    };
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(keys); i++)
        if (strcmp(keys[i].name, what) == 0)
            return push_key(keys[i].sym, keys[i].mod) ? KIOSK_OK : KIOSK_E_IO;
    if (strcmp(what, "close") != 0)
        return KIOSK_E_INVALID;
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_WINDOWEVENT;
    e.window.event = SDL_WINDOWEVENT_CLOSE;
    e.window.windowID = SDL_GetWindowID(b->win);
    return SDL_PushEvent(&e) >= 0 ? KIOSK_OK : KIOSK_E_IO;
}
