/* The highlighted area of a "Bước hướng dẫn" block, drawn on its screenshot in the Wagtail admin.

   A Stimulus controller on the step block's fields (StepBlock's form_attrs): it shows the chosen
   screenshot under the four percentage fields; dragging a rectangle on it with the mouse (or a pen, or
   a finger) fills the four fields, and typing in the fields moves the rectangle, so a keyboard user
   keeps the fields. Without a chosen screenshot it asks to choose one first. Plain JavaScript. */
(() => {
  const NAMES = ["x", "y", "width", "height"];

  const round = (value) => Math.round(value * 10) / 10;
  const clamp = (value) => Math.min(100, Math.max(0, value));

  class HighlightController extends window.StimulusModule.Controller {
    static values = { previewUrl: String, chooseFirst: String, help: String, loadError: String };

    connect() {
      // The step's own fields: a lesson holds many steps, each with its own controller.
      this.inputs = {};
      for (const name of NAMES) {
        this.inputs[name] = this.element.querySelector(`input[name$="-highlight_${name}"]`);
      }
      this.screenshot = this.element.querySelector('input[type="hidden"][name$="-screenshot"]');
      if (!this.screenshot || NAMES.some((name) => !this.inputs[name])) return;
      this.build();
      this.onScreenshot = () => this.showScreenshot();
      this.onField = () => this.drawFromFields();
      this.screenshot.addEventListener("change", this.onScreenshot);
      for (const name of NAMES) this.inputs[name].addEventListener("input", this.onField);
      this.showScreenshot();
    }

    disconnect() {
      if (!this.panel) return;
      this.panel.remove();
      this.screenshot.removeEventListener("change", this.onScreenshot);
      for (const name of NAMES) this.inputs[name].removeEventListener("input", this.onField);
      this.panel = null;
    }

    build() {
      const panel = document.createElement("div");
      panel.className = "courses-highlight";
      panel.dataset.coursesHighlightPanel = "";
      const help = document.createElement("p");
      help.className = "courses-highlight__help";
      help.textContent = this.helpValue;
      const empty = document.createElement("p");
      empty.className = "courses-highlight__empty";
      empty.dataset.coursesHighlightEmpty = "";
      empty.textContent = this.chooseFirstValue;
      // The picture is for the mouse; the four fields above say the same to a screen reader.
      const stage = document.createElement("div");
      stage.className = "courses-highlight__stage";
      stage.dataset.coursesHighlightStage = "";
      stage.setAttribute("aria-hidden", "true");
      stage.hidden = true;
      const image = document.createElement("img");
      image.alt = "";
      image.draggable = false;
      const box = document.createElement("div");
      box.className = "courses-highlight__box";
      box.hidden = true;
      stage.append(image, box);
      panel.append(help, empty, stage);
      Object.assign(this, { panel, help, empty, stage, image, box });

      const last = this.inputs.height.closest("[data-contentpath]") || this.inputs.height.parentElement;
      last.after(panel);

      image.addEventListener("load", () => {
        stage.hidden = false;
        empty.hidden = true;
        this.drawFromFields();
      });
      image.addEventListener("error", () => {
        stage.hidden = true;
        empty.hidden = false;
        empty.textContent = this.loadErrorValue;
      });
      stage.addEventListener("pointerdown", (event) => this.start(event));
      stage.addEventListener("pointermove", (event) => this.move(event));
      stage.addEventListener("pointerup", (event) => this.end(event));
      stage.addEventListener("pointercancel", () => {
        this.origin = null;
        this.drawFromFields();
      });
    }

    showScreenshot() {
      const id = (this.screenshot.value || "").trim();
      if (!id) {
        this.stage.hidden = true;
        this.image.removeAttribute("src");
        this.empty.hidden = false;
        this.empty.textContent = this.chooseFirstValue;
        return;
      }
      this.image.src = this.previewUrlValue.replace("/0/", `/${encodeURIComponent(id)}/`);
    }

    point(event) {
      const area = this.image.getBoundingClientRect();
      return {
        x: clamp(((event.clientX - area.left) / area.width) * 100),
        y: clamp(((event.clientY - area.top) / area.height) * 100),
      };
    }

    start(event) {
      if (event.button !== 0) return;
      event.preventDefault();
      this.stage.setPointerCapture(event.pointerId);
      this.origin = this.point(event);
      this.drawBox({ ...this.origin, width: 0, height: 0 });
    }

    rectangle(event) {
      const here = this.point(event);
      const x = Math.min(this.origin.x, here.x);
      const y = Math.min(this.origin.y, here.y);
      return { x, y, width: Math.abs(here.x - this.origin.x), height: Math.abs(here.y - this.origin.y) };
    }

    move(event) {
      if (this.origin) this.drawBox(this.rectangle(event));
    }

    end(event) {
      if (!this.origin) return;
      const area = this.rectangle(event);
      this.origin = null;
      if (area.width < 0.5 || area.height < 0.5) {
        this.drawFromFields(); // a click, not a rectangle: keep what was there
        return;
      }
      const x = round(area.x);
      const y = round(area.y);
      // Rounded, the area still ends inside the picture (x + width <= 100, y + height <= 100).
      const values = {
        x,
        y,
        width: Math.min(round(area.width), round(100 - x)),
        height: Math.min(round(area.height), round(100 - y)),
      };
      for (const name of NAMES) {
        const input = this.inputs[name];
        input.value = String(values[name]);
        input.dispatchEvent(new Event("input", { bubbles: true }));
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
      this.drawBox(values);
    }

    drawFromFields() {
      const values = {};
      for (const name of NAMES) {
        const value = parseFloat(String(this.inputs[name].value).replace(",", "."));
        if (Number.isNaN(value)) {
          this.box.hidden = true;
          return;
        }
        values[name] = value;
      }
      this.drawBox(values);
    }

    drawBox({ x, y, width, height }) {
      Object.assign(this.box.style, {
        left: `${clamp(x)}%`,
        top: `${clamp(y)}%`,
        width: `${Math.min(width, 100 - clamp(x))}%`,
        height: `${Math.min(height, 100 - clamp(y))}%`,
      });
      this.box.hidden = false;
    }
  }

  window.wagtail.app.register("courses-highlight", HighlightController);
})();
