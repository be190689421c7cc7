// The agencies list, filtered and sorted in the browser. Without JavaScript the whole table shows
// and the filters stay hidden. The filters and the sort live in the address (?region=Ohio&sort=latest),
// so that a filtered list can be shared, and are read back when the page opens.
(function () {
  "use strict";
  var form = document.getElementById("agency-filters");
  var table = document.getElementById("agency-list");
  var count = document.getElementById("agency-count");
  if (!form || !table || !count) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headings = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var fields = ["country", "region", "kind", "system", "name"];
  // The page comes sorted by name (its heading says so with aria-sort); the address names only another sort
  var byName = { key: "agency", order: "ascending" };
  var sort = byName;

  // Each row's place in the page, which keeps ties in order
  rows.forEach(function (row, index) {
    row.dataset.order = index;
  });

  function matches(row, filters) {
    if (filters.country && row.dataset.country !== filters.country) return false;
    if (filters.region && row.dataset.region !== filters.region) return false;
    if (filters.kind && row.dataset.kind !== filters.kind) return false;
    if (filters.system && row.dataset.systems.split(" ").indexOf(filters.system) < 0) return false;
    var name = filters.name.trim().toLowerCase();
    return !name || row.cells[0].textContent.toLowerCase().indexOf(name) >= 0;
  }

  function current() {
    var filters = {};
    fields.forEach(function (field) {
      filters[field] = form.elements[field].value;
    });
    return filters;
  }

  function apply() {
    var filters = current();
    var shown = 0;
    rows.forEach(function (row) {
      row.hidden = !matches(row, filters);
      if (!row.hidden) shown += 1;
    });
    // the words are the page's, in its language: "Showing {shown} of {total} agencies"
    count.textContent = count.dataset.words.replace("{shown}", shown).replace("{total}", rows.length);
    dimMap();
    remember(filters);
  }

  // The map shows the same filter: an area none of whose agencies is shown is dimmed
  function dimMap() {
    var shown = {};
    rows.forEach(function (row) {
      if (!row.hidden) {
        shown["region=" + row.dataset.region] = true;
        shown["country=" + row.dataset.country] = true;
      }
    });
    Array.prototype.forEach.call(document.querySelectorAll(".map-drawing a"), function (area) {
      var link = area.getAttribute("href") || area.getAttribute("xlink:href") || "";
      var query = new URLSearchParams(link.split("#")[0].slice(1));
      var key = query.has("region") ? "region=" + query.get("region") : "country=" + query.get("country");
      area.classList.toggle("dimmed", !shown[key]);
    });
  }

  // The address says what is shown: only the filters set, and the sort if not by name
  function remember(filters) {
    var query = new URLSearchParams();
    fields.forEach(function (field) {
      if (filters[field]) query.set(field, filters[field]);
    });
    if (sort.key !== byName.key || sort.order !== byName.order) {
      query.set("sort", sort.key);
      query.set("order", sort.order);
    }
    var search = query.toString();
    history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
  }

  function key(cell) {
    return "sort" in cell.dataset ? cell.dataset.sort : cell.textContent.trim().toLowerCase();
  }

  // Sort by one column; rows without a value ("none") go last either way, ties keep the page's order
  function sortBy(name, order) {
    var column = headings.findIndex(function (heading) {
      return heading.dataset.key === name;
    });
    if (column < 0) return;
    sort = { key: name, order: order };
    var keys = rows.map(function (row) {
      return key(row.cells[column]);
    });
    var numeric = keys.every(function (value) {
      return value === "" || !isNaN(Number(value));
    });
    var direction = order === "descending" ? -1 : 1;
    var sorted = rows.slice().sort(function (a, b) {
      var x = key(a.cells[column]);
      var y = key(b.cells[column]);
      if (x === "" || y === "") return (x === "") - (y === "") || a.dataset.order - b.dataset.order;
      var compared = numeric ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
      return compared * direction || a.dataset.order - b.dataset.order;
    });
    sorted.forEach(function (row) {
      body.appendChild(row);
    });
    headings.forEach(function (heading, index) {
      if (index === column) heading.setAttribute("aria-sort", order);
      else heading.removeAttribute("aria-sort");
    });
    remember(current());
  }

  // A button in each column's heading sorts by it: ascending first, then the other way
  headings.forEach(function (heading) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    while (heading.firstChild) button.appendChild(heading.firstChild);
    heading.appendChild(button);
    button.addEventListener("click", function () {
      var again = sort.key === heading.dataset.key && sort.order === "ascending";
      sortBy(heading.dataset.key, again ? "descending" : "ascending");
    });
  });

  // Read the address back
  var query = new URLSearchParams(location.search);
  fields.forEach(function (field) {
    var value = query.get(field);
    var control = form.elements[field];
    if (value === null) return;
    if (control.tagName === "SELECT" && !Array.prototype.some.call(control.options, function (option) {
      return option.value === value;
    })) return;
    control.value = value;
  });
  if (query.get("sort")) sortBy(query.get("sort"), query.get("order") === "descending" ? "descending" : "ascending");

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  form.addEventListener("reset", function () {
    setTimeout(apply);
  });
  form.hidden = false;
  count.hidden = false;
  apply();
})();
