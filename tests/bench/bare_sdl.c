/* The startup baseline: a bare SDL2 + SDL_ttf program that opens a window the way the
 * kiosk's backend does (same hints, software renderer), draws one line of text with the
 * kiosk's font, presents it and exits. bench_startup.sh times it beside `kiosk --demo`.
 * usage: bare_sdl FONT.ttf [WxH]   (no size: fullscreen on the desktop's size) */
#include <SDL.h>
#include <SDL_ttf.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bare_sdl FONT.ttf [WxH]\n");
        return 2;
    }
    int w = 0, h = 0;
    if (argc > 2 && sscanf(argv[2], "%dx%d", &w, &h) != 2)
        return 2;
    /* the hints of kiosk/sdl/sdl_backend.c, so the two start the same way */
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "1");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "bare_sdl: %s\n", SDL_GetError());
        return 1;
    }
    Uint32 flags = SDL_WINDOW_SHOWN;
    if (w <= 0) {
        SDL_DisplayMode dm;
        w = 1280;
        h = 800;
        if (SDL_GetDesktopDisplayMode(0, &dm) == 0) {
            w = dm.w;
            h = dm.h;
        }
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    }
    SDL_Window *win =
        SDL_CreateWindow("bare", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
    SDL_Renderer *ren = win ? SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE) : NULL;
    TTF_Font *font = TTF_OpenFont(argv[1], 28);
    if (!ren || !font) {
        fprintf(stderr, "bare_sdl: %s\n", SDL_GetError());
        return 1;
    }
    TTF_SetFontHinting(font, TTF_HINTING_LIGHT);
    SDL_Surface *s =
        TTF_RenderUTF8_Blended(font, "Trung tâm Khuyến công Cần Thơ", (SDL_Color){20, 20, 20, 255});
    SDL_Texture *t = s ? SDL_CreateTextureFromSurface(ren, s) : NULL;
    SDL_SetRenderDrawColor(ren, 242, 243, 247, 255);
    SDL_RenderClear(ren);
    if (t)
        SDL_RenderCopy(ren, t, NULL, &(SDL_Rect){32, 32, s->w, s->h});
    SDL_RenderPresent(ren);
    SDL_DestroyTexture(t);
    SDL_FreeSurface(s);
    TTF_CloseFont(font);
    SDL_DestroyRenderer(ren);
    SDL_DestroyWindow(win);
    TTF_Quit();
    SDL_Quit();
    return 0;
}
