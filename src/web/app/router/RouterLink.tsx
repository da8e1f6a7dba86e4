import { forwardRef, type AnchorHTMLAttributes, type MouseEvent } from "react";
import { useRouter } from "./routerContext";

type AnchorProps = AnchorHTMLAttributes<HTMLAnchorElement>;

function isPlainLeftClick(event: MouseEvent<HTMLAnchorElement>) {
  return (
    event.button === 0 &&
    !event.metaKey &&
    !event.ctrlKey &&
    !event.shiftKey &&
    !event.altKey
  );
}

/**
 * An anchor that navigates inside the app without reloading the page.
 * Links to other origins, new tabs and modified clicks behave as usual.
 * MUI's links and buttons render it for every `href` (see the theme).
 */
export const RouterLink = forwardRef<HTMLAnchorElement, AnchorProps>(
  function RouterLink({ href, onClick, target, ...rest }, ref) {
    const { navigate } = useRouter();

    const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
      onClick?.(event);
      if (event.defaultPrevented || target || !isPlainLeftClick(event)) return;
      if (!href?.startsWith("/") || href.startsWith("//")) return;

      event.preventDefault();
      navigate(href);
    };

    return (
      <a
        ref={ref}
        href={href}
        target={target}
        onClick={handleClick}
        {...rest}
      />
    );
  },
);
